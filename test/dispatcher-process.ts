/**
 * A dispatcher in a process of its own, for the test that kills one with SIGKILL mid-delivery.
 * It inherits DATABASE_URL from the test; attempts never time out, so only the kill ends them.
 */
import { Dispatcher } from '../lib/webhooks/dispatcher';

new Dispatcher({ allowPrivateUrls: true, timeoutMs: 10 * 60_000, retryPolicy: () => 0 }).start();
console.log('dispatching');
