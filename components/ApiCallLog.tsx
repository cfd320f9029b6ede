import type { ApiCall } from '@/lib/schema/privacy';
import { documentLocale } from './extension-page';
import { dateTimeFormat } from '@/lib/util/intl';

interface ApiCallLogProps {
  readonly calls: readonly ApiCall[];
  readonly caption: string;
  readonly headings: { readonly time: string; readonly call: string; readonly result: string };
}

const time = (ms: number) =>
  dateTimeFormat(documentLocale(), { dateStyle: 'short', timeStyle: 'medium' }).format(ms);

/** The newest Graph calls: when, what (method and path), and how it ended. */
export function ApiCallLog({ calls, caption, headings }: ApiCallLogProps) {
  return (
    <table class="accounts api-log" data-testid="api-log">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{headings.time}</th>
          <th scope="col">{headings.call}</th>
          <th scope="col">{headings.result}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call, index) => (
          <tr key={`${call.time}-${index}`} data-testid="api-call">
            <td>{time(call.time)}</td>
            <td>
              <code>
                {call.method} {call.path}
              </code>
            </td>
            <td>
              {call.status}
              {call.errorCode === null ? '' : ` (#${call.errorCode})`} ·{' '}
              {Math.round(call.durationMs)} ms
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
