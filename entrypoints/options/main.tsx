import { render } from 'preact';
import { createQueryClient } from '@/lib/query/client';
import { App } from './App';
import { uiLocale } from '@/lib/util/i18n';
import '@/assets/extension-page.css';
import './options.css';

// Text, numbers and dates in the browser's language, and screen readers told which it is.
document.documentElement.lang = uiLocale() ?? 'en';
const root = document.getElementById('app');
if (root) render(<App queryClient={createQueryClient()} />, root);
