/** Types of performance-table.js (plain JavaScript, run by node directly like the other bench scripts). */
export declare const BEGIN: string;
export declare const END: string;
export declare function renderPerformanceTable(results: unknown): string;
export declare function withPerformanceTable(readme: string, table: string): string;
export declare function unpadded(markdown: string): string;
