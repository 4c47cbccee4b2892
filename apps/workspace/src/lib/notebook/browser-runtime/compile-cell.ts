import { parse } from 'acorn';
import type { Node, Program, Statement, VariableDeclaration } from 'acorn';
import { CELL_SOURCE_PREFIX } from './outputs';

/**
 * A cell's JavaScript as the body of an async function, so top-level `await` works, with two changes
 * that make a notebook feel like a REPL:
 * - top-level `const`/`let`/`var`, `function` and `class` declarations are stored on the worker's
 *   global scope, so the next cell sees them (a `const` becomes reassignable, as in Chrome's console);
 * - the value of a final expression statement is returned (and shown as the cell's result).
 * Every change stays on the lines it replaces, so line numbers in stack traces still match the cell.
 */

export interface CompiledCell {
  /** Source for `new AsyncFunction(body)`. */
  body: string;
  /** Lines the function wrapper puts above the body (Chromium: `async function anonymous(\n) {\n`). */
  lineOffset: number;
}

export class CellSyntaxError extends Error {
  override readonly name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function compileCell(code: string, cellNumber: number): CompiledCell {
  let program: Program;
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const located = error as SyntaxError & { loc?: { line: number; column: number } };
    const line = located.loc?.line ?? 1;
    const column = (located.loc?.column ?? 0) + 1;
    const message = located.message.replace(/\s*\(\d+:\d+\)$/, '');
    const hint = /'import' and 'export' may appear only/.test(message)
      ? ': import is not available in a browser cell; tf and galley are in scope, and `await import(url)` loads a module'
      : '';
    throw new CellSyntaxError(`${message}${hint} (line ${line}, column ${column})`, line, column);
  }
  const source = (node: Node) => code.slice(node.start, node.end);
  const edits: Edit[] = [];
  const hoisted: string[] = [];
  const body = program.body as Statement[];
  body.forEach((statement, index) => {
    const isLast = index === body.length - 1;
    if (statement.type === 'VariableDeclaration') {
      edits.push({ start: statement.start, end: statement.end, text: declarationAsAssignment(statement, source) });
    } else if (statement.type === 'FunctionDeclaration') {
      hoisted.push(`globalThis[${JSON.stringify(statement.id.name)}] = ${statement.id.name};`);
    } else if (statement.type === 'ClassDeclaration') {
      edits.push({ start: statement.start, end: statement.end, text: `${statement.id.name} = ${source(statement)};` });
    } else if (statement.type === 'ExpressionStatement' && isLast && !('directive' in statement && statement.directive)) {
      edits.push({ start: statement.start, end: statement.end, text: `return (${source(statement.expression)});` });
    }
  });
  let rewritten = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
  }
  // Hoisted assignments go on the first line, so no line moves; the sourceURL names the cell's frames.
  const text = `${hoisted.join(' ')}${rewritten}\n//# sourceURL=${CELL_SOURCE_PREFIX}${cellNumber}.js`;
  return { body: text, lineOffset: 2 };
}

/** `const { a } = o, b = 2;` → `void ({ a } = o, b = 2);` — assignments to the global scope. */
function declarationAsAssignment(declaration: VariableDeclaration, source: (node: Node) => string): string {
  const parts = declaration.declarations.map((declarator) => `${source(declarator.id)} = ${declarator.init ? source(declarator.init) : 'undefined'}`);
  return `void (${parts.join(', ')});`;
}
