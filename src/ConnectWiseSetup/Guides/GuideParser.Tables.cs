using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>GuideParser: tables (pipe rows by their header's positions, flattened cells as a stream of labels and levels).</summary>
    internal sealed partial class GuideParser
    {
        static bool IsHeader(List<GuideToken> tokens)
            => tokens.Any(t => t.Kind == GuideTokenKind.Column)
               && tokens.All(t => t.Kind == GuideTokenKind.Column || (t.Kind == GuideTokenKind.Text && GuidePhrases.IsHeaderText(t.Text)));

        /// <summary>A pipe row that is a header: level columns and header words only. Null otherwise.</summary>
        static PipeLayout HeaderLayout(List<string> cells)
        {
            var layout = new PipeLayout { Count = cells.Count };
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (cell.Length == 0) continue;
                var tokens = GuidePhrases.Lex(cell);
                if (tokens.Count > 0 && tokens.All(t => t.Kind == GuideTokenKind.Column || (t.Kind == GuideTokenKind.Text && GuidePhrases.IsHeaderText(t.Text))) && tokens.Any(t => t.Kind == GuideTokenKind.Column))
                {
                    var cols = tokens.Where(t => t.Kind == GuideTokenKind.Column).ToList();
                    if (cols.Count != 1) return null;
                    layout.LevelCols[i] = cols[0].Column;
                    continue;
                }
                // Any other header cell is a few words that name no row and give no level ("Status", "Why", "Security
                // Module Parameter"): a column the row's note comes from.
                var headerWords = GuidePhrases.IsHeaderText(cell);
                if (!headerWords && !IsOtherHeader(cell)) return null;
                var lower = cell.ToLowerInvariant();
                if (layout.FunctionCol < 0 && headerWords && Regex.IsMatch(lower, @"\b(?:function|permission|name|item|setting|right|action)s?\b|\bsub-?\s*categor(?:y|ies)\b", Opt) && !Regex.IsMatch(lower, @"\blevel", Opt)) layout.FunctionCol = i;
                else if (layout.ModuleCol < 0 && headerWords && Regex.IsMatch(lower, @"\b(?:module|area|section|category|entity|entities)s?\b", Opt)) layout.ModuleCol = i;
            }
            if (layout.LevelCols.Count == 0) return null;
            // A cell other than the known header words counts only beside two level columns or more: "| Read companies |
            // /company/companies | Inquire |" is a row of another table, not a header.
            if (layout.LevelCols.Count < 2 && cells.Any(c => c.Length > 0 && !GuidePhrases.IsHeaderText(c) && !layout.LevelCols.ContainsKey(cells.IndexOf(c)))) return null;
            if (layout.FunctionCol < 0 && layout.ModuleCol < 0)
            {
                // "| Function | Security Module Parameter | Add Level |" without a word for the function: the first cell before the levels.
                var first = Enumerable.Range(0, cells.Count).FirstOrDefault(i => cells[i].Length > 0 && !layout.LevelCols.ContainsKey(i));
                if (cells[first].Length > 0 && !layout.LevelCols.ContainsKey(first) && first < layout.LevelCols.Keys.Min()) layout.FunctionCol = first;
            }
            if (layout.FunctionCol < 0 && layout.ModuleCol >= 0 && layout.ModuleCol < layout.LevelCols.Keys.Min())
            {
                // "| Security Module | Add | ..." with one label column: that column is the function's.
                layout.FunctionCol = layout.ModuleCol;
                layout.ModuleCol = -1;
            }
            return layout;
        }

        /// <summary>A header cell other than the known header words: at most four words, no level word, no row or module of the catalogue.</summary>
        static bool IsOtherHeader(string cell)
        {
            if (GuideLine.Words(cell) > 4 || !Regex.IsMatch(cell, "[A-Za-z]", Opt)) return false;
            if (GuidePhrases.Lex(cell).Any(t => t.Kind == GuideTokenKind.Level)) return false;
            var label = GuideLabel.Resolve(cell, null);
            return label.Function == null && !label.IsModuleOnly && !label.Ambiguous;
        }

        void StartHeader(List<int> columns, GuideLine line, PipeLayout layout)
        {
            EndRow();
            if (_headerOpen && _columns != null && layout == null && _layout == null && _headerLine < line.Number)
                _columns.AddRange(columns.Where(c => !_columns.Contains(c)));   // a header broken across lines
            else
                _columns = columns.Distinct().ToList();
            _layout = layout;
            _pipeTable = layout != null;
            _headerLine = line.Number;
            // "Give the role these rows:", "the table below": the sentence before a header speaks of the table.
            for (int k = line.Number - 2, seen = 0; k >= 0 && seen < 2 && k >= line.Number - 1 - TableIdleLimit * 4; k--)
            {
                var before = _lines[k];
                if (before.IsBlank) continue;
                seen++;
                if (!_used.Contains(before.Number) && TableIntro.IsMatch(before.Text)) _used.Add(before.Number);
            }
            _headerOpen = layout == null;
            _pending.Clear();
            _current = null;
            _idle = 0;
            _used.Add(line.Number);
        }

        static readonly Regex TableIntro = new Regex(@"\b(?:below|following|these\s+rows|this\s+table|the\s+table)\b", Opt);

        static readonly Regex ProseEnd = new Regex(@"\b(?:at|to|is|are|be|as|of|on|in|stays?|remains?|set|leave|keep)$", Opt);

        /// <summary>A row of a flattened table: levels at the end (before a Customize remark), after a label, not after a sentence ("Every other row stays at None").</summary>
        bool IsRowLine(List<GuideToken> tokens)
        {
            if (tokens.Count == 0) return false;
            var last = tokens.Count - 1;
            if (tokens[last].Kind == GuideTokenKind.Customize) last--;
            // A note column after the levels ("Contacts None None None All Used to match"): text after a whole row of levels.
            var width = _columns?.Count ?? 0;
            if (last >= width && width > 0 && tokens[last].Kind == GuideTokenKind.Text && Enumerable.Range(last - width, width).All(k => tokens[k].Kind == GuideTokenKind.Level)) last--;
            if (last < 0 || tokens[last].Kind != GuideTokenKind.Level) return false;
            var label = tokens.Take(last + 1).Where(t => t.Kind == GuideTokenKind.Text).Select(t => t.Text).LastOrDefault();
            return label == null || GuideLine.Words(label) <= 6 && !ProseEnd.IsMatch(label.Trim());
        }

        /// <summary>A whole table on one line: "... Add Edit Delete Inquire Companies Company Maintenance None All None All ...".</summary>
        bool ReadInlineTable(List<GuideToken> tokens, GuideLine line)
        {
            for (var i = 0; i + 1 < tokens.Count; i++)
            {
                if (tokens[i].Kind != GuideTokenKind.Column || tokens[i + 1].Kind != GuideTokenKind.Column) continue;
                var j = i;
                while (j < tokens.Count && tokens[j].Kind == GuideTokenKind.Column) j++;
                var rest = tokens.Skip(j).ToList();
                if (!rest.Any(t => t.Kind == GuideTokenKind.Level)) return false;
                StartHeader(tokens.Skip(i).Take(j - i).Select(t => t.Column).ToList(), line, null);
                _headerOpen = false;
                Stream(rest, line);
                return true;
            }
            return false;
        }

        /// <summary>A pipe row read by the header's positions (a row without its module cell is shifted).</summary>
        bool ReadPositional(GuideLine line)
        {
            var cells = line.Cells;
            var layout = _layout;
            var shift = 0;
            if (cells.Count == layout.Count - 1 && layout.ModuleCol >= 0 && layout.ModuleCol < layout.FunctionCol)
            {
                // One cell short: the module cell left out (the cells shift left), or, when the row starts with a module, a last cell.
                var first = cells.Count > layout.ModuleCol ? GuideLabel.Resolve(cells[layout.ModuleCol], null) : new GuideLabel();
                if (!first.IsModuleOnly) shift = -1;
            }
            else if (cells.Count == layout.Count && IsShiftedRow(cells, layout)) shift = -1;
            else if (cells.Count != layout.Count) return false;
            string Cell(int index)
            {
                if (shift < 0 && index == layout.ModuleCol) return "";
                var at = shift < 0 && index > layout.ModuleCol ? index - 1 : index;
                return at >= 0 && at < cells.Count ? cells[at] : "";
            }
            var labelCol = layout.FunctionCol;
            var label = Cell(labelCol);
            var moduleCell = layout.ModuleCol >= 0 ? Cell(layout.ModuleCol) : "";
            var moduleHere = moduleCell.Length > 0 ? GuideLabel.Resolve(moduleCell, null) : new GuideLabel();
            var context = moduleHere.IsModuleOnly ? moduleHere.Module : _module;
            if (label.Length == 0 || GuideLabel.Resolve(label, context).Function == null)
            {
                // The name may stand in another text column (a header that did not say which column names the function).
                for (var i = 0; i < layout.Count; i++)
                {
                    if (i == labelCol || i == layout.ModuleCol || layout.LevelCols.ContainsKey(i)) continue;
                    var other = Cell(i);
                    if (other.Length > 0 && GuideLabel.Resolve(other, context).Function != null) { labelCol = i; label = other; break; }
                }
            }
            if (label.Length == 0) return false;
            EndRow();
            if (moduleHere.IsModuleOnly) _module = moduleHere.Module;
            var row = NewRow(label, line.Number, GuideShape.PipeTable);
            var remarks = new List<string>();
            foreach (var kv in layout.LevelCols.OrderBy(kv => kv.Key))
            {
                // "All († See Below)": the level, and a remark for the row's note.
                var text = Cell(kv.Key);
                var remark = Regex.Match(text, @"\s*\(([^()]*)\)\s*$", Opt);
                if (remark.Success && remark.Index > 0)
                {
                    remarks.Add(remark.Groups[1].Value.Trim());
                    text = text.Substring(0, remark.Index);
                }
                switch (GuidePhrases.ReadCell(text, out var level))
                {
                    case GuidePhrases.CellKind.Empty: row.Levels.Add(PermissionLevel.None); break;
                    case GuidePhrases.CellKind.Level: row.Levels.Add(level); break;
                    case GuidePhrases.CellKind.Granted: row.Levels.Add(level); row.Marks.Add(Cell(kv.Key)); break;
                    default: row.Levels.Add(null); row.Bad.Add(Cell(kv.Key)); break;
                }
            }
            _row = row;
            var before = _facts.Count;
            EndRow();
            var fact = _facts.Count > before ? _facts[_facts.Count - 1] : null;
            if (fact != null && remarks.Count > 0) fact.Note = string.Join("; ", remarks.Distinct());
            // Other cells: a Customize remark ("Customize: Allow access to all agreements") belongs to the row; other text is its note.
            for (var i = 0; i < layout.Count && fact != null; i++)
            {
                if (i == labelCol || i == layout.ModuleCol || layout.LevelCols.ContainsKey(i)) continue;
                var other = Cell(i);
                if (other.Length > 0 && fact.Condition == null && Cue.IsMatch(other)) fact.Condition = ConditionText(other);   // "Optional", "only if you bill"
                if (other.Length > 0 && !ReadCustomize(other, line, new Named { Function = fact.Function, Lines = fact.Lines.ToList() }))
                    fact.Note = fact.Note == null ? other : fact.Note + "; " + other;
            }
            _idle = 0;
            return true;
        }

        /// <summary>
        /// A row that leaves its module cell out but keeps the row's width with an empty last cell
        /// ("| Contacts | All | All | All | All | |" under "| Category | Sub-category | Add | ... |"): the first cell names
        /// a function of the module in force, not a module, and a level stands where the function belongs.
        /// </summary>
        bool IsShiftedRow(List<string> cells, PipeLayout layout)
        {
            if (layout.ModuleCol < 0 || layout.ModuleCol >= layout.FunctionCol || cells[cells.Count - 1].Length != 0 || _module == null) return false;
            var first = GuideLabel.Resolve(cells[layout.ModuleCol], null);
            if (first.IsModuleOnly) return false;
            return GuideLabel.Resolve(cells[layout.ModuleCol], _module).Function != null
                   && GuidePhrases.TryLevel(cells[layout.FunctionCol], out _) && GuideLine.Words(cells[layout.FunctionCol]) == 1;
        }

        /// <summary>Cells of a flattened table in order: labels, then as many levels as the header has columns.</summary>
        void Stream(List<GuideToken> tokens, GuideLine line)
        {
            var progress = false;
            Fact ended = null;   // the row this line completed: text after its levels is its note
            foreach (var token in tokens)
            {
                var before = _facts.Count;
                switch (token.Kind)
                {
                    case GuideTokenKind.Text:
                        if (_row == null && ended != null && GuideLabel.Resolve(token.Text, _module).Function == null && !GuideLabel.Resolve(token.Text, _module).IsModuleOnly && GuideLine.Words(token.Text) >= 2)
                        {
                            ended.Note = ended.Note == null ? token.Text : ended.Note + "; " + token.Text;
                            ended = null;
                            continue;
                        }
                        if (_row != null && _row.Levels.Count < _columns.Count)
                        {
                            var label = GuideLabel.Resolve(token.Text, _module);
                            if (GuideLine.Words(token.Text) <= 2 && label.Function == null && !label.IsModuleOnly)
                            {
                                // A word where a level belongs ("Read", "Full"): the row cannot be read.
                                _row.Levels.Add(null);
                                _row.Bad.Add(token.Text);
                                _row.Lines.Add(line.Number);
                                if (_row.Levels.Count == _columns.Count) EndRow();
                                progress = true;
                                continue;
                            }
                            EndRow();
                        }
                        AddPending(token.Text, line);
                        break;
                    case GuideTokenKind.Level:
                        if (_row == null)
                        {
                            _row = TakePending(line);
                            if (_row == null)
                            {
                                Unread(line, "a level (" + token.Text + ") with no function before it");
                                continue;
                            }
                        }
                        _row.Levels.Add(token.Level);
                        _row.Lines.Add(line.Number);
                        progress = true;
                        if (_row.Levels.Count == _columns.Count)
                        {
                            EndRow();
                            if (_facts.Count > before) ended = _facts[_facts.Count - 1];
                        }
                        break;
                    case GuideTokenKind.Customize:
                        var target = _row?.Function != null ? new Named { Function = _row.Function } : _lastRow;
                        EndRow();
                        _customizeTarget = target;
                        _customizeLine = line.Number;
                        if (target != null) _customizeMarks.Add((target.Function, line.Number));
                        _used.Add(line.Number);
                        if (!string.IsNullOrWhiteSpace(token.Text)) ReadCustomize(token.Text, line, target);
                        break;
                }
            }
            if (progress) { _idle = 0; _used.Add(line.Number); }
            else Idle();
        }

        void AddPending(string text, GuideLine line)
        {
            var label = GuideLabel.Resolve(text, _module);
            if (label.IsModuleOnly)
            {
                SetModule(label.Module, line);
                return;
            }
            _pending.Add((text, line.Number));
            if (_pending.Count > 3) _pending.RemoveAt(0);
            if (label.Function != null) _current = new Named { Function = label.Function, Lines = { line.Number } };
        }

        /// <summary>The row the text cells before a level name: the last cell, or the last two or three joined (a label broken across lines).</summary>
        PendingRow TakePending(GuideLine line)
        {
            if (_pending.Count == 0) return null;
            for (var n = 1; n <= _pending.Count; n++)
            {
                var cells = _pending.Skip(_pending.Count - n).ToList();
                var label = GuideLabel.Resolve(string.Join(" ", cells.Select(c => c.Text)), _module);
                if (label.Function == null) continue;
                if (label.Module != null) _module = label.Module;
                var found = new PendingRow { Function = label.Function, Label = string.Join(" ", cells.Select(c => c.Text)), Shape = ShapeOf(line) };
                found.Lines.AddRange(cells.Select(c => c.Line));
                _pending.Clear();
                return found;
            }
            var last = _pending[_pending.Count - 1];
            _pending.Clear();
            var row = NewRow(last.Text, last.Line, ShapeOf(line));
            return row;
        }

        GuideShape ShapeOf(GuideLine line) => line.Cells != null ? GuideShape.PipeTable : GuideShape.FlatTable;

        PendingRow NewRow(string label, int lineNumber, GuideShape shape)
        {
            var resolved = GuideLabel.Resolve(label, _module);
            if (resolved.Module != null && resolved.Function != null) _module = resolved.Module;
            var row = new PendingRow { Function = resolved.Function, Label = label, Shape = shape };
            row.Lines.Add(lineNumber);
            if (resolved.Function == null) Unknown(lineNumber, label);
            return row;
        }

        /// <summary>Closes the row being read: a fact when every level was read, otherwise the lines are reported.</summary>
        void EndRow()
        {
            var row = _row;
            _row = null;
            if (row == null) return;
            var lines = row.Lines.Distinct().ToList();
            foreach (var n in lines) _used.Add(n);
            var count = _columns?.Count ?? row.Levels.Count;
            if (row.Function == null) return;   // reported as an unknown name
            if (row.Bad.Count > 0)
            {
                Unread(lines, row.Function + ": " + string.Join(", ", row.Bad.Select(b => "'" + b + "'")) + (row.Bad.Count == 1 ? " is not a level" : " are not levels") + " (None, My or All)");
                return;
            }
            if (row.Levels.Count < count)
            {
                Unread(lines, row.Function + ": the row has " + row.Levels.Count + " of the table's " + count + " levels");
                return;
            }
            var cond = ConditionInForce();
            var fact = new Fact { Function = row.Function, Shape = row.Shape, Marks = row.Marks.Count > 0 ? string.Join(", ", row.Marks.Distinct().Select(m => "'" + m + "'")) : null, Condition = cond?.Text };
            fact.Lines.AddRange(lines);
            if (cond != null && !fact.Lines.Contains(cond.Value.Line)) fact.Lines.Add(cond.Value.Line);
            var columns = _layout != null ? _layout.LevelCols.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList() : _columns;
            for (var i = 0; i < columns.Count && i < row.Levels.Count; i++) fact.Levels[columns[i]] = row.Levels[i];
            _facts.Add(fact);
            _lastFact[fact.Function] = fact;
            Read(row.Function, lines);
            _pending.Clear();
        }

        void Idle()
        {
            if (_columns == null) return;
            if (++_idle < TableIdleLimit) return;
            EndRow();
            _columns = null;
            _layout = null;
            _pending.Clear();
        }

        void SetModule(string module, GuideLine line)
        {
            EndRow();
            _module = module;
            _current = null;
            _pending.Clear();
            if (line.IsBullet)
            {
                _moduleItem = line.Number;
                _moduleItemModule = module;
            }
            else _used.Add(line.Number);
        }

        /// <summary>A row was read: the current row for phrases without a label and for Customize.</summary>
        void Read(ModuleFunction function, IEnumerable<int> lines)
        {
            // The row named once and given its levels line by line keeps the lines it was named on: each later level line
            // adds these, not every line before it (which grew with each line).
            if (_current == null || _current.Function != function) _current = new Named { Function = function, Lines = lines.ToList() };
            _lastRow = _current;
            _sinceRow = 0;
            _customizeTarget = null;
            // A module heading written as a list item counts as read once a row of its module is read.
            if (_moduleItem.HasValue && _moduleItemModule == function.Module) _used.Add(_moduleItem.Value);
            _moduleItem = null;
        }
    }
}
