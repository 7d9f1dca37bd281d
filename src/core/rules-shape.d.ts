/** Whether the parsed rules file has the shape that rules-schema.ts describes (rules-shape.js). */
export declare function fitsRulesSchema(json: unknown): boolean;
