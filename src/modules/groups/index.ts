/** The public face of working groups and their meetings: the only file another module imports. */

export { parseListen, startMailReceiver } from './mail-in.js';
export { groupRoutes } from './routes.js';
export { loadSampleGroups } from './sample.js';
export { sendDigests } from './threads.js';
