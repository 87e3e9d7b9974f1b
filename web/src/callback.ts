/**
 * The entry point of /assets/callback.js: records which server the script came from (the
 * API's and the Desktop SDK's) and defines <cdyx-vel-callback> and its parts. Loading the
 * script twice is harmless.
 */
import { scriptBase } from './lib/base-url.js';
import { setSdkBase } from './lib/desktop.js';
import { setServerBase } from './components/callback/callback.component.js';
import './components/callback/callback.js';

const base = scriptBase();
setServerBase(base);
setSdkBase(base);
