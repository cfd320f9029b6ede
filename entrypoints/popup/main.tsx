import { createQueryClient } from '@/lib/query/client';
import { Popup } from './Popup';
import { mountExtensionPage } from '@/components/extension-page';
import '@/assets/extension-page.css';
import './popup.css';

mountExtensionPage(<Popup queryClient={createQueryClient()} />);
