/** The build's version (`<package version>+<commit>`), set by vite.config.ts. */
declare const __LIFESTONE_VERSION__: string;
