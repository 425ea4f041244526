/// <reference types="vite/client" />

/** The app's version from package.json, recorded with every run and export. */
declare const __APP_VERSION__: string;
