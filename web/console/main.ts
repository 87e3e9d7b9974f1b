/**
 * The entry point of /console/console.js: defines <cdyx-console>, the supervisor console,
 * which the page /console holds.
 */
import './components/app/app.js';
