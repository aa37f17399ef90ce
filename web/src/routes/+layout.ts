// A single-page app: everything renders in the browser; the server serves index.html for every page.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
