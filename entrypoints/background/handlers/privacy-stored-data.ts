import type { Handler } from '@/lib/messaging/server';
import { describeStoredData } from '@/lib/privacy/stored-data';

export const storedData: Handler<'privacy.storedData'> = () => describeStoredData();
