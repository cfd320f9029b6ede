import { browser } from '#imports';
import { render } from 'preact';
import { App } from './App';
import '@/assets/extension-page.css';
import './viewer.css';

const root = document.getElementById('app');
if (root) render(<App viewerUrl={browser.runtime.getURL('/snapshot-viewer.html')} />, root);
