import { render } from 'preact';
import { createQueryClient } from '@/lib/query/client';
import { App } from './App';
import '@/assets/extension-page.css';
import './options.css';

const root = document.getElementById('app');
if (root) render(<App queryClient={createQueryClient()} />, root);
