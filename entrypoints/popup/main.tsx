import { render } from 'preact';
import { createQueryClient } from '@/lib/query/client';
import { Popup } from './Popup';
import { uiLocale } from '@/lib/util/i18n';
import '@/assets/extension-page.css';
import './popup.css';

// Text, numbers and dates in the browser's language, and screen readers told which it is.
document.documentElement.lang = uiLocale() ?? 'en';
const root = document.getElementById('app');
if (root) render(<Popup queryClient={createQueryClient()} />, root);
