/**
 * The entry point of /assets/callback.js: records which server the script came from and
 * defines <cdyx-vel-callback> and its parts. Loading the script twice is harmless.
 */
import { scriptBase } from './lib/base-url.js';
import { setServerBase } from './components/callback/callback.component.js';
import './components/callback/callback.js';

setServerBase(scriptBase());
