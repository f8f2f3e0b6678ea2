// Reads reference files the way a reference manager would, with Citation.js (its BibTeX/biblatex,
// RIS and CSL-JSON readers) and prints what it understood as CSL-JSON, with the bibliography entry
// citeproc-js formats from it (APA), so a test sees what a tool made of the file.
//   node check.mjs biblatex|bibtex|ris|csl FILE    one file; exit 1 with the reason on stderr if refused
//   node check.mjs                                 one request per stdin line, {"parser": …, "text": …},
//                                                  one answer per stdout line (what the tests use:
//                                                  Citation.js and citeproc-js load once, ~2 s of CPU)
// A file is refused when it does not parse, holds no entry, or the parser warns or leaves a field
// unmapped. Not BibTeX's strict mode: that also refuses an entry without the fields biblatex calls
// required (an author), and the archive leaves out what it does not know rather than invent it.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { Cite, logger } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import '@citation-js/plugin-csl'

const types = { biblatex: '@biblatex/text', bibtex: '@bibtex/text', ris: '@ris/file', csl: '@csl/list+object' }

let complaints = []
logger._output = (level, scope, msg) => {
  if (['unmapped', 'warn', 'error'].includes(level)) complaints.push(`${level} ${scope} ${msg.join(' ')}`)
}

function read (parser, text) {
  if (!types[parser]) throw new Error(`unknown parser ${parser}`)
  complaints = []
  const cite = new Cite(parser === 'csl' ? JSON.parse(text) : text, { forceType: types[parser] })
  if (cite.data.length === 0) complaints.push('no entry')
  if (complaints.length > 0) throw new Error(complaints.join('\n'))
  const apa = cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }).trim()
  return { items: cite.data.map(({ _graph, ...item }) => item), apa }
}

const [parser, file] = process.argv.slice(2)
if (parser) {
  try {
    process.stdout.write(JSON.stringify(read(parser, readFileSync(file, 'utf8')), null, 2) + '\n')
  } catch (e) {
    console.error(String((e && e.stack) || e))
    process.exit(1)
  }
} else {
  for await (const line of createInterface({ input: process.stdin })) {
    let answer
    try {
      const request = JSON.parse(line)
      answer = { ok: true, ...read(request.parser, request.text) }
    } catch (e) {
      answer = { ok: false, error: String((e && e.stack) || e) }
    }
    process.stdout.write(JSON.stringify(answer) + '\n')
  }
}
