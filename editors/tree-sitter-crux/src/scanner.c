// The external scanner of the crux grammar: the `---` that opens front matter.
//
// crux reads `---` on the first line as front matter only when a closing `---` line
// follows; without one, it reports the unclosed front matter and reads the lines below
// as lines. A regular expression cannot look that far ahead, so this scanner does: it
// returns the opening fence only when a closing fence line comes later in the file.

#include "tree_sitter/parser.h"

#include <stdbool.h>

enum TokenType {
  FRONT_MATTER_OPEN,
  // Valid only while the parser recovers from an error, when every token is.
  ERROR_SENTINEL,
};

void *tree_sitter_crux_external_scanner_create(void) { return NULL; }

void tree_sitter_crux_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_crux_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_crux_external_scanner_deserialize(void *payload, const char *buffer,
                                                    unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool at_line_end(TSLexer *lexer) {
  return lexer->lookahead == '\n' || lexer->lookahead == '\r' || lexer->eof(lexer);
}

// Reads `\n`, `\r\n` or a lone `\r`.
static void skip_line_break(TSLexer *lexer) {
  if (lexer->lookahead == '\r') {
    lexer->advance(lexer, false);
  }
  if (lexer->lookahead == '\n') {
    lexer->advance(lexer, false);
  }
}

// Reads a fence, `---` and spaces or tabs, as far as it goes; true when the line holds
// nothing else.
static bool read_fence(TSLexer *lexer) {
  for (int i = 0; i < 3; i++) {
    if (lexer->lookahead != '-') {
      return false;
    }
    lexer->advance(lexer, false);
  }
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') {
    lexer->advance(lexer, false);
  }
  return at_line_end(lexer);
}

bool tree_sitter_crux_external_scanner_scan(void *payload, TSLexer *lexer,
                                            const bool *valid_symbols) {
  (void)payload;
  if (valid_symbols[ERROR_SENTINEL] || !valid_symbols[FRONT_MATTER_OPEN]) {
    return false;
  }
  if (!read_fence(lexer) || lexer->eof(lexer)) {
    return false;
  }
  skip_line_break(lexer);
  lexer->mark_end(lexer);
  lexer->result_symbol = FRONT_MATTER_OPEN;
  // The token is the first line; look on for the closing fence.
  while (!lexer->eof(lexer)) {
    if (read_fence(lexer)) {
      return true;
    }
    while (!at_line_end(lexer)) {
      lexer->advance(lexer, false);
    }
    skip_line_break(lexer);
  }
  return false;
}
