import { createQueryClient } from '@/lib/query/client';
import { App } from './App';
import { mountExtensionPage } from '@/components/extension-page';
import '@/assets/extension-page.css';
import './options.css';

mountExtensionPage(<App queryClient={createQueryClient()} />);
