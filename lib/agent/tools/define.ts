/** How a tool is declared, and how it fails. */
import type { z } from 'zod';
import type { LifestoneTool } from './types.js';

/** Declares a tool, typing `run`'s input from the tool's own zod schema. */
export function defineTool<Input extends z.ZodObject>(tool: LifestoneTool<Input>): LifestoneTool<Input> {
  return tool;
}

/** A tool failure the model can act on, with a stable `code`. */
export class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}
