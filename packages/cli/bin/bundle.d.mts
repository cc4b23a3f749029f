/** Types of bundle.mjs (the bundle compiled ahead of time: where it is, whether it is current). */
export declare const ROOT: string;
export declare const DIST: string;
export declare const MANIFEST: string;
export declare function bundleStaleReason(dist?: string): string | null;
