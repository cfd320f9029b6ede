import { browser } from '#imports';
import { App } from './App';
import { mountExtensionPage } from '@/components/extension-page';
import '@/assets/extension-page.css';
import '@/components/explain-chart.css';
import './viewer.css';

mountExtensionPage(<App viewerUrl={browser.runtime.getURL('/snapshot-viewer.html')} />);
