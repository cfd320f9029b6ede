import { render } from 'preact';
import { createQueryClient } from '@/lib/query/client';
import { Popup } from './Popup';
import '@/assets/extension-page.css';
import './popup.css';

const root = document.getElementById('app');
if (root) render(<Popup queryClient={createQueryClient()} />, root);
