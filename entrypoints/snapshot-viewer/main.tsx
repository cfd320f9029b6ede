import { browser } from '#imports';
import { render } from 'preact';
import { App } from './App';
import { uiLocale } from '@/lib/util/i18n';
import '@/assets/extension-page.css';
import '@/components/explain-chart.css';
import './viewer.css';

// Text, numbers and dates in the browser's language, and screen readers told which it is.
document.documentElement.lang = uiLocale() ?? 'en';
const root = document.getElementById('app');
if (root) render(<App viewerUrl={browser.runtime.getURL('/snapshot-viewer.html')} />, root);
