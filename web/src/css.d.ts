// Stylesheets imported by a feature's entry component; Vite bundles them into the app's CSS.
declare module '*.css';
