/** Languages of FILE paths and fence info strings, by extension or name. */
const LANGUAGES: Record<string, string> = {
  py: 'Python',
  js: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  jsx: 'JavaScript React',
  ts: 'TypeScript',
  tsx: 'TypeScript React',
  json: 'JSON',
  md: 'Markdown',
  markdown: 'Markdown',
  sh: 'Shell',
  bash: 'Shell',
  zsh: 'Shell',
  yaml: 'YAML',
  yml: 'YAML',
  html: 'HTML',
  htm: 'HTML',
  css: 'CSS',
  rs: 'Rust',
  go: 'Go',
  java: 'Java',
  c: 'C',
  h: 'C',
  cpp: 'C++',
  cc: 'C++',
  hpp: 'C++',
  cs: 'C#',
  rb: 'Ruby',
  php: 'PHP',
  sql: 'SQL',
  toml: 'TOML',
  xml: 'XML',
  txt: 'Plain text',
  swift: 'Swift',
  kt: 'Kotlin',
  lua: 'Lua',
  r: 'R',
  ipynb: 'Jupyter notebook',
  csv: 'CSV',
};

/**
 * The language a path's extension suggests.
 *
 * @example `languageOfPath('src/app.py')` is `Python`; `languageOfPath('LICENSE')` is undefined.
 */
export function languageOfPath(path: string): string | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return name === 'Dockerfile' ? 'Dockerfile' : name === 'Makefile' ? 'Makefile' : undefined;
  return LANGUAGES[name.slice(dot + 1).toLowerCase()];
}
