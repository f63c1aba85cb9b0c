-- Headless Neovim smoke test: open a .crux file, start `crux lsp` with Neovim's
-- built-in client, wait for the diagnostics it receives, ask for the inlay hints, and
-- write both as JSON to $CRUX_OUT. Works on Neovim 0.7 and later (vim.lsp.start_client).
--
-- nvim --headless --clean -c "luafile tests/lsp/nvim_smoke.lua"
-- with CRUX (the binary), CRUX_ROOT (the workspace), CRUX_FILE (the file to open)
-- and CRUX_OUT (where to write) in the environment.

local crux = assert(os.getenv("CRUX"), "CRUX")
local root = assert(os.getenv("CRUX_ROOT"), "CRUX_ROOT")
local file = assert(os.getenv("CRUX_FILE"), "CRUX_FILE")
local out = assert(os.getenv("CRUX_OUT"), "CRUX_OUT")

local function finish(result)
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
vim.bo.filetype = "crux"
local client = vim.lsp.start_client({
  name = "crux",
  cmd = { crux, "lsp" },
  root_dir = root,
})
if not client then
  finish({ error = "the client did not start" })
end
vim.lsp.buf_attach_client(0, client)

local got = vim.wait(15000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)

-- The inlay hints of the whole buffer, asked for as a raw request: Neovim 0.10 draws
-- them, and every version from 0.7 can ask for them.
local hints = {}
local answers = vim.lsp.buf_request_sync(0, "textDocument/inlayHint", {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = {
    start = { line = 0, character = 0 },
    ["end"] = { line = vim.api.nvim_buf_line_count(0), character = 0 },
  },
}, 10000)
for _, answer in pairs(answers or {}) do
  for _, h in ipairs(answer.result or {}) do
    table.insert(hints, {
      line = h.position.line,
      character = h.position.character,
      label = h.label,
      tooltip = h.tooltip,
    })
  end
end

local result = { received = got, diagnostics = {}, hints = hints }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result.diagnostics, {
    line = d.lnum,
    column = d.col,
    severity = d.severity,
    code = lsp.code or d.code,
    message = d.message,
  })
end
finish(result)
