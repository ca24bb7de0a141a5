// The monorepo's rules plus Next's own (React hooks, accessibility, Next pitfalls) for the web app.
import next from 'eslint-config-next/core-web-vitals';
import root from '../../eslint.config.js';

const config = [...next, ...root];

export default config;
