/**
 * TypeScript compiles inside the test process: no tsc process to start, and TypeScript's own lib files
 * (lib.es2022.d.ts, lib.dom.d.ts…) parsed once for every program of the run instead of once per program.
 */
import path from 'node:path';
import ts from 'typescript';

/** TypeScript's lib files as parsed, by file and the parse settings that could change them. */
const libFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * A compiler host for `options` that parses each of TypeScript's lib files once per test run.
 * Lib files have no imports or exports and are never edited during a run, so one parse serves every
 * program with the same target (the language service shares source files between programs the same way).
 */
export function compilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  const libDir = path.dirname(host.getDefaultLibFileName(options));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.dirname(fileName) !== libDir) return read(fileName, languageVersion, onError, shouldCreate);
    const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion, impliedNodeFormat: undefined };
    const key = `${fileName}|${settings.languageVersion}|${settings.impliedNodeFormat}`;
    if (!libFiles.has(key)) libFiles.set(key, read(fileName, languageVersion, onError, shouldCreate));
    return libFiles.get(key);
  };
  return host;
}

/**
 * Compiles the project of a tsconfig.json as `tsc -p` does, emitting unless it says `noEmit`.
 * Returns the diagnostics as tsc prints them: an empty string when the project compiles.
 */
export function compileProject(tsconfig: string): string {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  const host = compilerHost(parsed.options);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: parsed.errors });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  return ts.formatDiagnostics(diagnostics, host);
}
