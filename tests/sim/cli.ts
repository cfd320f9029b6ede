/**
 * `npm run sim`: the simulator alone, for poking at it with a browser of your own. Prints the
 * Chromium flags that route the Meta host names to it and the demo token.
 */
import { startSimulator } from './start';

const sim = await startSimulator();
console.log(`Simulator listening on 127.0.0.1:${sim.server.port}`);
console.log(`Demo token: ${sim.control.demoToken}`);
console.log('Start Chromium with:');
console.log(`  --host-resolver-rules="${sim.routing.hostResolverRules}"`);
console.log(`  --ignore-certificate-errors-spki-list=${sim.routing.spkiSha256}`);
for (const account of sim.world.accounts) {
  console.log(
    `  https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${account.accountId}  (${account.currency}, ${account.name})`,
  );
}
process.once('SIGINT', () => void sim.close().then(() => process.exit(0)));
