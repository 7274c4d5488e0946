using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// Reads the permission rows, Customize allow-lists and names out of a vendor guide's text, line by line, in every
    /// shape <see cref="GuideShape"/> lists. What it reads carries its line numbers; what looks like a permission but
    /// cannot be read is reported (<see cref="GuideImportReport.Unread"/>), never guessed; names the catalogue does not
    /// know are reported with the closest it knows. A level a guide does not mention for a row it lists is None.
    /// </summary>
    internal sealed class GuideParser
    {
        const RegexOptions Opt = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        /// <summary>Lines without table progress after which a flattened table is over.</summary>
        const int TableIdleLimit = 6;
        /// <summary>Non-blank lines after a row during which "Allow access to all ..." still belongs to it.</summary>
        const int CustomizeReach = 3;

        static readonly Regex CustomizeMarker = new Regex(@"^customi[sz]e\b\s*:?\s*(?<rest>.*)$", Opt);
        static readonly Regex AllowAll = new Regex(@"\ballow(?:ed)?\s+access\s+to\s+all\b(?!\s+(?:of\s+)?(?:the\s+following|these)\b)|\ballow\s+all\b|\ball\s+(?:of\s+)?(?:the\s+)?(?:entries|items|tables|setup\s+tables|lists?)\b.*\ballow", Opt);
        static readonly Regex AllowList = new Regex(@"\ballow(?:ed)?\s+access\s+to(?:\s+(?:the\s+following|these)(?:\s+[a-z]+){0,3})?\s*:\s*(?<items>.*)$", Opt);
        static readonly Regex AllowInline = new Regex(@"\ballow(?:ed)?\s+access\s+to\s+(?<items>[^.]*/[^.]*)", Opt);
        static readonly Regex CustomizeWord = new Regex(@"\bcustomi[sz]e\b", Opt);
        static readonly Regex TargetList = new Regex(@"^\s*(?:for|on|under|in)\b\s*(?<rest>.*)$", Opt);
        static readonly Regex ListLead = new Regex(@"^(?:(?:each|all)\s+of\s+)?(?:the\s+following|these|those|below)(?:\s+(?:functions?|rows?|permissions?|items?|modules?|areas?|security\s+modules?))?\s*:?\s*", Opt);

        readonly List<GuideLine> _lines;
        readonly GuideImportReport _report;
        readonly List<Fact> _facts = new List<Fact>();
        readonly List<CustomizeFact> _customize = new List<CustomizeFact>();
        readonly HashSet<int> _used = new HashSet<int>();
        readonly HashSet<int> _reported = new HashSet<int>();

        string _module;                                            // the module heading in force
        Named _current;                                            // the row last named, for a level phrase without a label
        readonly List<(string Text, int Line)> _pending = new List<(string, int)>();   // text cells that may label the next levels
        List<int> _columns;                                        // the level columns of the table in force, in order
        int _headerLine;                                           // the last line of that table's header
        bool _headerOpen;                                          // the header may go on on the next line
        PipeLayout _layout;                                        // a pipe table's header, by position
        bool _pipeTable;                                           // a pipe header with a function column: its rows are pipe rows too
        PendingRow _row;                                           // a table row still waiting for its levels
        int _idle;                                                 // lines without table progress
        ListIntro _list;                                           // a level stated for the list that follows
        Named _lastRow;                                            // the row last read (Customize belongs to it)
        int _sinceRow;                                             // non-blank lines since then
        Named _customizeTarget;                                    // set by "Customize:" or "the customize link beside X"
        int _customizeLine;                                        // the line that set it
        readonly List<(ModuleFunction Function, int Line)> _customizeMarks = new List<(ModuleFunction, int)>();   // "Customize:" remarks, to check something followed
        CustomizeFact _items;                                      // an allow-list taking items from the next lines
        (int Label, int Items)? _customizeTable;                   // a table of allow-lists: "| Action | Allow Access To |"
        int? _moduleItem;                                          // a module named as a list item ("- Companies"), not yet followed by a row
        string _moduleItemModule;
        readonly HashSet<int> _tableLines = new HashSet<int>();    // lines read while a table's header was in force

        sealed class Named
        {
            public ModuleFunction Function;
            public List<int> Lines = new List<int>();
        }

        sealed class Fact
        {
            public ModuleFunction Function;
            public readonly PermissionLevel?[] Levels = new PermissionLevel?[4];
            public readonly List<int> Lines = new List<int>();
            public GuideShape Shape;
            public string Note;
        }

        sealed class CustomizeFact
        {
            public ModuleFunction Function;
            public bool AllowAll;
            public readonly List<string> Items = new List<string>();
            public readonly List<int> Lines = new List<int>();
        }

        sealed class PendingRow
        {
            public ModuleFunction Function;      // null: the label is unknown (reported), the levels are still taken
            public string Label;
            public readonly List<int> Lines = new List<int>();
            public readonly List<PermissionLevel?> Levels = new List<PermissionLevel?>();
            public readonly List<string> Bad = new List<string>();
            public GuideShape Shape;
        }

        sealed class PipeLayout
        {
            public int Count;
            public int ModuleCol = -1;
            public int FunctionCol = -1;
            public readonly Dictionary<int, int> LevelCols = new Dictionary<int, int>();   // cell index -> column
        }

        sealed class ListIntro
        {
            public List<(List<int> Columns, PermissionLevel Level)> Levels;
            public int Line;
            public string Module;
            public int Items;
            public bool IntroIsItem;                // the intro is itself a list item ("3. Set Add level to all for:")
            public int IntroIndent;
        }

        public GuideParser(string text, GuideImportReport report)
        {
            _lines = GuideLine.Split(text);
            _report = report;
            report.Lines = _lines.Select(l => l.Raw).ToList();
        }

        public void Parse()
        {
            foreach (var line in _lines) Process(line);
            EndRow();
            EndList();
            BuildRows();
            BuildCustomize();
            FindUnread();
            _report.Unread.Sort((a, b) => a.Line.CompareTo(b.Line));
        }

        // ------------------------------------------------------------------ one line

        void Process(GuideLine line)
        {
            if (line.IsSeparator) { _used.Add(line.Number); return; }
            if (line.IsBlank) return;
            _sinceRow++;

            if (ReadNames(line)) return;
            if (_items != null)
            {
                if (ReadCustomizeItem(line)) return;
                _items = null;
            }
            // A table row with a Customize remark ("AgreementsNoneAllNoneAllCustomize: Allow access to all agreements") is a row first.
            if (line.Cells == null && !(_columns != null && GuidePhrases.Lex(line.Text).Any(t => t.Kind == GuideTokenKind.Level)) && ReadCustomize(line.Text, line, null)) return;
            if (_list != null)
            {
                if (ReadListItem(line)) return;
                EndList();
            }
            if (line.Cells != null) ProcessCells(line);
            else ProcessText(line);
            if (_columns != null) _tableLines.Add(line.Number);
        }

        bool ReadNames(GuideLine line)
        {
            var names = new List<(string Kind, string Value)>();
            if (line.Cells != null)
            {
                var cell = GuideIdentity.ReadCells(line.Cells);
                if (cell.HasValue) names.Add(cell.Value);
            }
            else names.AddRange(GuideIdentity.Read(line.Text));
            if (names.Count == 0) return false;
            foreach (var (kind, value) in names)
            {
                switch (kind)
                {
                    case GuideIdentity.Role: _report.RoleName = _report.RoleName ?? value; break;
                    case GuideIdentity.Member: _report.MemberIdentifier = _report.MemberIdentifier ?? value; break;
                    case GuideIdentity.MemberName: _report.MemberName = _report.MemberName ?? value; break;
                    case GuideIdentity.Key: _report.KeyDescription = _report.KeyDescription ?? value; break;
                }
            }
            // A short line that gives a name is read; a paragraph or a line with a level phrase is read on
            // ("Add a new role, name it X, and give it Inquire Level All on the following:").
            if (GuidePhrases.Phrase.IsMatch(line.Text) || GuideLine.Words(line.Text) > 15) return false;
            _used.Add(line.Number);
            return true;
        }

        void ProcessText(GuideLine line)
        {
            _customizeTable = null;
            var tokens = GuidePhrases.Lex(line.Text);
            if (IsHeader(tokens))
            {
                StartHeader(tokens.Where(t => t.Kind == GuideTokenKind.Column).Select(t => t.Column).ToList(), line, null);
                return;
            }
            _headerOpen = false;
            if (ReadPhrases(line, line.Text)) return;
            if (ReadInlineTable(tokens, line)) return;
            // A row waiting for its levels takes the next cells, whatever they are (a word where a level belongs is reported).
            if (_columns != null && !_pipeTable && (_row != null || IsRowLine(tokens)))
            {
                Stream(tokens, line);
                return;
            }
            ReadLabel(line, line.Text);
        }

        void ProcessCells(GuideLine line)
        {
            var cells = line.Cells;
            if (ReadCustomizeTable(line)) return;
            var layout = HeaderLayout(cells);
            if (layout != null)
            {
                StartHeader(layout.LevelCols.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList(), line, layout.FunctionCol >= 0 ? layout : null);
                return;
            }
            _headerOpen = false;
            var filled = cells.Where(c => c.Length > 0).ToList();

            // A module's heading row ("| Companies | | | |").
            if (filled.Count == 1)
            {
                var only = GuideLabel.Resolve(filled[0], _module);
                if (only.IsModuleOnly)
                {
                    SetModule(only.Module, line);
                    return;
                }
            }
            if (_layout != null && ReadPositional(line)) return;
            if (ReadPhrases(line, line.Text)) return;
            if (_columns != null)
            {
                var tokens = new List<GuideToken>();
                foreach (var cell in filled)
                {
                    if (GuidePhrases.TryLevel(cell, out var level) && GuideLine.Words(cell) == 1)
                        tokens.Add(new GuideToken { Kind = GuideTokenKind.Level, Level = level, Text = cell });
                    else tokens.AddRange(GuidePhrases.Lex(cell));
                }
                if (tokens.Any(t => t.Kind == GuideTokenKind.Level))
                {
                    Stream(tokens, line);
                    return;
                }
            }
            if (ReadCustomize(line.Text, line, null)) return;
            ReadLabel(line, line.Text);
        }

        // ------------------------------------------------------------------ tables

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
                if (!GuidePhrases.IsHeaderText(cell)) return null;
                var lower = cell.ToLowerInvariant();
                if (layout.FunctionCol < 0 && Regex.IsMatch(lower, @"\b(?:function|permission|name|item|setting|right|action)s?\b", Opt) && !Regex.IsMatch(lower, @"\blevel", Opt)) layout.FunctionCol = i;
                else if (layout.ModuleCol < 0 && Regex.IsMatch(lower, @"\b(?:module|area|section|category)s?\b", Opt)) layout.ModuleCol = i;
            }
            if (layout.LevelCols.Count == 0) return null;
            if (layout.FunctionCol < 0 && layout.ModuleCol >= 0 && layout.ModuleCol < layout.LevelCols.Keys.Min())
            {
                // "| Security Module | Add | ..." with one label column: that column is the function's.
                layout.FunctionCol = layout.ModuleCol;
                layout.ModuleCol = -1;
            }
            return layout;
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
            foreach (var before in _lines.Take(line.Number - 1).Reverse().Where(l => !l.IsBlank).Take(2))
                if (!_used.Contains(before.Number) && Regex.IsMatch(before.Text, @"\b(?:below|following|these\s+rows|this\s+table|the\s+table)\b", Opt)) _used.Add(before.Number);
            _headerOpen = layout == null;
            _pending.Clear();
            _current = null;
            _idle = 0;
            _used.Add(line.Number);
        }

        static readonly Regex ProseEnd = new Regex(@"\b(?:at|to|is|are|be|as|of|on|in|stays?|remains?|set|leave|keep)$", Opt);

        /// <summary>A row of a flattened table: levels at the end (before a Customize remark), after a label, not after a sentence ("Every other row stays at None").</summary>
        static bool IsRowLine(List<GuideToken> tokens)
        {
            if (tokens.Count == 0) return false;
            var last = tokens.Count - 1;
            if (tokens[last].Kind == GuideTokenKind.Customize) last--;
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
            else if (cells.Count != layout.Count) return false;
            string Cell(int index)
            {
                if (shift < 0 && index == layout.ModuleCol) return "";
                var at = shift < 0 && index > layout.ModuleCol ? index - 1 : index;
                return at >= 0 && at < cells.Count ? cells[at] : "";
            }
            var label = Cell(layout.FunctionCol);
            if (label.Length == 0) return false;
            EndRow();
            var moduleCell = layout.ModuleCol >= 0 ? Cell(layout.ModuleCol) : "";
            if (moduleCell.Length > 0)
            {
                var m = GuideLabel.Resolve(moduleCell, null);
                if (m.IsModuleOnly) _module = m.Module;
            }
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
                text = text.Trim().Trim('*', '\u2020', '\u2021').Trim();
                if (GuidePhrases.IsEmptyCell(text)) row.Levels.Add(PermissionLevel.None);
                else if (GuidePhrases.TryLevel(text, out var level) && GuideLine.Words(text) == 1) row.Levels.Add(level);
                else { row.Levels.Add(null); row.Bad.Add(Cell(kv.Key)); }
            }
            _row = row;
            var before = _facts.Count;
            EndRow();
            var fact = _facts.Count > before ? _facts[_facts.Count - 1] : null;
            if (fact != null && remarks.Count > 0) fact.Note = string.Join("; ", remarks.Distinct());
            // Other cells: a Customize remark ("Customize: Allow access to all agreements") belongs to the row; other text is its note.
            for (var i = 0; i < layout.Count && fact != null; i++)
            {
                if (i == layout.FunctionCol || i == layout.ModuleCol || layout.LevelCols.ContainsKey(i)) continue;
                var other = Cell(i);
                if (other.Length > 0 && !ReadCustomize(other, line, new Named { Function = fact.Function, Lines = fact.Lines.ToList() }))
                    fact.Note = fact.Note == null ? other : fact.Note + "; " + other;
            }
            _idle = 0;
            return true;
        }

        /// <summary>Cells of a flattened table in order: labels, then as many levels as the header has columns.</summary>
        void Stream(List<GuideToken> tokens, GuideLine line)
        {
            var progress = false;
            foreach (var token in tokens)
            {
                switch (token.Kind)
                {
                    case GuideTokenKind.Text:
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
                        if (_row.Levels.Count == _columns.Count) EndRow();
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
            var fact = new Fact { Function = row.Function, Shape = row.Shape };
            fact.Lines.AddRange(lines);
            var columns = _layout != null ? _layout.LevelCols.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList() : _columns;
            for (var i = 0; i < columns.Count && i < row.Levels.Count; i++) fact.Levels[columns[i]] = row.Levels[i];
            _facts.Add(fact);
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
            _current = new Named { Function = function, Lines = lines.ToList() };
            _lastRow = _current;
            _sinceRow = 0;
            _customizeTarget = null;
            // A module heading written as a list item counts as read once a row of its module is read.
            if (_moduleItem.HasValue && _moduleItemModule == function.Module) _used.Add(_moduleItem.Value);
            _moduleItem = null;
        }

        // ------------------------------------------------------------------ level phrases

        /// <summary>
        /// "Company Maintenance Inquire Level = All", "Contacts: Add/Edit/Inquire (All)", "Inquire - All" (under a heading),
        /// "set Inquire Level to All for: X, Y of the Z module", "Inquire Level All on the following:" (a list follows).
        /// </summary>
        bool ReadPhrases(GuideLine line, string text)
        {
            var matches = GuidePhrases.Phrase.Matches(text).Cast<Match>().ToList();
            var around = matches.Count == 0 ? GuidePhrases.PhraseAround.Match(text) : Match.Empty;
            if (matches.Count == 0 && !around.Success) return false;
            EndRow();
            _used.Add(line.Number);
            _idle = 0;

            if (around.Success)
            {
                var label = GuideLabel.Resolve(around.Groups["target"].Value, _module);
                var level = Level(around);
                if (label.Function == null) { Unknown(line.Number, GuideLabel.Clean(around.Groups["target"].Value)); return true; }
                AddFact(new[] { label.Function }, GuidePhrases.ColumnsIn(around.Groups["cols"].Value), level, new[] { line.Number }, GuideShape.LevelPhrase, null);
                return true;
            }

            var tail = text.Substring(matches[matches.Count - 1].Index + matches[matches.Count - 1].Length);
            var tailTargets = TargetsIn(tail, line, out var listFollows);
            var note = tailTargets == null && !listFollows ? Note(tail) : null;

            List<ModuleFunction> previous = null;
            var start = 0;
            var pendingIntro = new List<(List<int>, PermissionLevel)>();
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                var between = text.Substring(start, m.Index - start);
                start = m.Index + m.Length;
                var columns = GuidePhrases.ColumnsIn(m.Groups["cols"].Value);
                var level = Level(m);
                List<ModuleFunction> targets;
                var shape = GuideShape.LevelPhrase;
                var labelText = GuideLabel.Clean(between.Replace(" | ", " "));
                if (labelText.Length == 0)
                    targets = previous;
                else
                {
                    targets = LabelTargets(between, line, i == 0 && (tailTargets != null || listFollows));
                    if (targets == null && i > 0) targets = previous;   // purpose text between two phrases of one row
                }
                if (targets == null && tailTargets != null) { targets = tailTargets; shape = GuideShape.ProseList; }
                var lines = new List<int> { line.Number };
                if (targets == null && labelText.Length == 0 && _current != null && !listFollows)
                {
                    targets = new List<ModuleFunction> { _current.Function };
                    lines.AddRange(_current.Lines);
                }
                if (targets == null)
                {
                    if (listFollows || labelText.Length > 0 && line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal)) pendingIntro.Add((columns, level));
                    else if (labelText.Length == 0) Unread(line, "a level (" + string.Join("/", columns.Select(c => PermissionLevels.Names[c])) + " " + level + ") with no function named before it");
                    continue;
                }
                if (targets.Count == 0) continue;   // an unknown name, already reported
                AddFact(targets, columns, level, lines, shape, i == matches.Count - 1 ? note : null);
                previous = targets;
            }
            if (pendingIntro.Count > 0)
            {
                EndList();
                _list = new ListIntro { Levels = pendingIntro, Line = line.Number, Module = _module, IntroIsItem = line.IsBullet, IntroIndent = line.Indent };
            }
            return true;
        }

        static PermissionLevel Level(Match m)
        {
            GuidePhrases.TryLevel(m.Groups["v"].Value, out var level);
            return level;
        }

        /// <summary>The rows a phrase's label names; null when it names none (an unknown name is reported when the label is short).</summary>
        List<ModuleFunction> LabelTargets(string between, GuideLine line, bool junkAllowed)
        {
            // Text between two phrases may be the previous row's purpose followed by the next row's label: try the end.
            var words = GuideLabel.Clean(between.Replace(" | ", " | ")).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            for (var k = 0; k < words.Length; k++)
            {
                var candidate = string.Join(" ", words.Skip(k));
                var label = GuideLabel.Resolve(candidate, _module);
                if (label.Function != null)
                {
                    if (label.Module != null) _module = label.Module;
                    return new List<ModuleFunction> { label.Function };
                }
                if (k == 0)
                {
                    if (label.IsModuleOnly) { _module = label.Module; return null; }
                    var list = GuideLabel.ResolveList(candidate, _module);
                    if (list.Functions.Count > 0)
                    {
                        if (list.Module != null) _module = list.Module;
                        foreach (var u in list.Unknown) Unknown(line.Number, u);
                        return list.Functions;
                    }
                }
            }
            var clean = GuideLabel.Clean(between);
            if (!junkAllowed && GuideLine.Words(clean) <= 4 && !Regex.IsMatch(clean, @"\b(?:set|give|grant|make|needs?|requires?|change|ensure)\b", Opt))
            {
                Unknown(line.Number, clean);
                return new List<ModuleFunction>();
            }
            return null;
        }

        /// <summary>"for: X, Y of the Z module" after a phrase: the rows it names. <paramref name="listFollows"/>: "for the following:".</summary>
        List<ModuleFunction> TargetsIn(string tail, GuideLine line, out bool listFollows)
        {
            listFollows = false;
            var m = TargetList.Match(tail ?? "");
            if (!m.Success)
            {
                listFollows = Regex.IsMatch(tail ?? "", @"^\s*:?\s*$") && line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal);
                return null;
            }
            var rest = ListLead.Replace(m.Groups["rest"].Value.Trim().TrimStart(':').Trim(), "");
            rest = rest.Trim().TrimEnd('.', ':', ';').Trim();
            if (rest.Length == 0)
            {
                listFollows = true;
                return null;
            }
            var list = GuideLabel.ResolveList(rest, _module);
            if (list.Functions.Count == 0) return null;
            foreach (var u in list.Unknown) Unknown(line.Number, u);
            return list.Functions;
        }

        static string Note(string tail)
        {
            var t = (tail ?? "").Trim().Trim('|', '-', ':', ';', ',', '.', '*', '\u2020').Trim();
            return t.Length == 0 || GuideLine.Words(t) < 2 ? null : t.Length > 200 ? t.Substring(0, 200) : t;
        }

        void AddFact(IEnumerable<ModuleFunction> targets, List<int> columns, PermissionLevel level, IEnumerable<int> lines, GuideShape shape, string note)
        {
            ModuleFunction last = null;
            foreach (var f in targets)
            {
                var fact = new Fact { Function = f, Shape = shape, Note = note };
                fact.Lines.AddRange(lines);
                foreach (var c in columns) fact.Levels[c] = level;
                _facts.Add(fact);
                foreach (var n in fact.Lines) _used.Add(n);
                last = f;
            }
            if (last != null) Read(last, lines);
        }

        // ------------------------------------------------------------------ a level stated once for a list

        bool ReadListItem(GuideLine line)
        {
            if (GuidePhrases.Phrase.IsMatch(line.Text)) return false;
            // The next step of a numbered list ("4. Save the role") is not an item of the list the step before introduced.
            if (_list.IntroIsItem && line.IsBullet && line.Indent <= _list.IntroIndent) return false;
            var text = line.Cells != null ? string.Join(" | ", line.Cells.Where(c => c.Length > 0)) : line.Text;
            var label = GuideLabel.Resolve(text, _list.Module);
            if (label.IsModuleOnly)
            {
                _list.Module = label.Module;
                _module = label.Module;
                _used.Add(line.Number);
                return true;
            }
            var list = label.Function != null ? (new List<ModuleFunction> { label.Function }, new List<string>(), label.Module) : GuideLabel.ResolveList(text, _list.Module);
            if (list.Item1.Count == 0)
            {
                if (!line.IsBullet || GuideLine.Words(text) > 5) return false;
                Unknown(line.Number, GuideLabel.Clean(text));
                _list.Items++;
                return true;
            }
            if (list.Item3 != null) _list.Module = list.Item3;
            foreach (var u in list.Item2) Unknown(line.Number, u);
            foreach (var (columns, level) in _list.Levels)
                AddFact(list.Item1, columns, level, new[] { line.Number, _list.Line }, GuideShape.NestedList, null);
            _list.Items++;
            return true;
        }

        void EndList()
        {
            var list = _list;
            _list = null;
            if (list != null && list.Items == 0)
                Unread(new[] { list.Line }, "a level for the list that follows, but no function of the catalogue follows");
        }

        // ------------------------------------------------------------------ labels

        void ReadLabel(GuideLine line, string text)
        {
            var label = GuideLabel.Resolve(text, _module);
            if (label.IsModuleOnly)
            {
                SetModule(label.Module, line);
                Idle();
                return;
            }
            if (label.Function != null)
            {
                if (label.Module != null) _module = label.Module;
                _current = new Named { Function = label.Function, Lines = { line.Number } };
                _pending.Clear();
                _pending.Add((text, line.Number));
                if (_columns != null) _idle = 0;
                return;
            }
            _pending.Add((text, line.Number));
            if (_pending.Count > 3) _pending.RemoveAt(0);
            if (GuideLine.Words(text) > 3) _current = null;
            Idle();
        }

        // ------------------------------------------------------------------ Customize

        /// <summary>
        /// "Customize:", "Allow access to all agreements", "Allow access to:" (items follow), "click the customize link
        /// beside the Table Setup permission", "all of the entries are allowed". <paramref name="target"/>: the row a table
        /// cell's remark belongs to.
        /// </summary>
        bool ReadCustomize(string text, GuideLine line, Named target)
        {
            if (string.IsNullOrWhiteSpace(text)) return false;
            var marker = CustomizeMarker.Match(text);
            var mentionsCustomize = CustomizeWord.IsMatch(text);
            var named = mentionsCustomize ? GuideLabel.Mentioned(text, f => f.CustomizeList != null) : new List<ModuleFunction>();
            if (named.Count == 1 && target == null)
            {
                var row = _facts.LastOrDefault(f => f.Function == named[0]);
                target = new Named { Function = named[0], Lines = row?.Lines.ToList() ?? new List<int>() };
                _customizeTarget = target;
                _customizeLine = line.Number;
            }
            // "allow all" counts in a Customize context only: after "Customize", beside the word, or as the line's start.
            var allowAll = AllowAll.IsMatch(text) && (marker.Success || mentionsCustomize || target != null || _customizeTarget != null || Regex.IsMatch(text, @"^\s*allow", Opt));
            var list = AllowList.Match(text);
            var inline = list.Success ? Match.Empty : AllowInline.Match(text);
            if (!marker.Success && !allowAll && !list.Success && !inline.Success && !(mentionsCustomize && named.Count == 1)) return false;

            target = target ?? _customizeTarget ?? (_sinceRow <= CustomizeReach ? _lastRow : null);
            if (!marker.Success && !allowAll && !list.Success && !inline.Success)
            {
                _used.Add(line.Number);   // "the customize link beside Table Setup": what to allow comes next
                return true;
            }
            if (marker.Success && !allowAll && !list.Success && !inline.Success)
            {
                _customizeTarget = target;
                _customizeLine = line.Number;
                if (target != null && marker.Groups["rest"].Value.Length == 0) _customizeMarks.Add((target.Function, line.Number));
                _used.Add(line.Number);
                var rest = marker.Groups["rest"].Value;
                return rest.Length == 0 || ReadCustomize(rest, line, target) || true;
            }
            if (target == null)
            {
                // "Allow access to Service/Priority": Table Setup items name their list themselves.
                if (!allowAll && (list.Success || inline.Success))
                {
                    var items = SplitItems(list.Success ? list.Groups["items"].Value : inline.Groups["items"].Value);
                    if (items.Count > 0 && items.All(i => CustomizeCatalog.IsKnownItem("SystemTableSetup", Item(i))))
                        target = new Named { Function = FunctionCatalog.Functions.First(f => f.CustomizeList == "SystemTableSetup") };
                }
                if (target == null)
                {
                    if (allowAll && !mentionsCustomize && !list.Success) return false;   // "allow all" in prose far from any row
                    Unread(line, "a Customize allow-list, but no row it belongs to");
                    return true;
                }
            }
            _used.Add(line.Number);
            if (target.Function.CustomizeList == null)
            {
                Unread(line, "a Customize allow-list for " + target.Function + ", which has no Customize list the module knows");
                return true;
            }
            var fact = CustomizeOf(target.Function);
            if (_customizeTarget != null && _customizeTarget.Function == target.Function && _customizeLine > 0) fact.Lines.Add(_customizeLine);
            fact.Lines.Add(line.Number);
            if (allowAll && !(list.Success && list.Groups["items"].Value.Trim().Length > 0))
            {
                fact.AllowAll = true;
                _items = null;
                return true;
            }
            var given = list.Success ? list.Groups["items"].Value : inline.Groups["items"].Value;
            foreach (var item in SplitItems(given)) AddItem(fact, item, line.Number);
            _items = list.Success && SplitItems(given).Count == 0 ? fact : null;
            return true;
        }

        /// <summary>A table of allow-lists, one row per function: "| Action | Allow Access To |", "| Table Setup | Service / Service Board, ... |".</summary>
        bool ReadCustomizeTable(GuideLine line)
        {
            var cells = line.Cells;
            var items = cells.FindIndex(c => Regex.IsMatch(c, @"^(?:allow(?:ed)?(?:\s+access(?:\s+to)?)?|customi[sz]ations?|allow-list)$", Opt));
            if (items >= 0)
            {
                var label = cells.FindIndex(c => c.Length > 0 && GuidePhrases.IsHeaderText(c) && !Regex.IsMatch(c, @"allow|customi", Opt));
                if (label >= 0 && cells.Count(c => c.Length > 0) == 2)
                {
                    _customizeTable = (label, items);
                    _used.Add(line.Number);
                    return true;
                }
            }
            if (_customizeTable == null) return false;
            var (labelCol, itemsCol) = _customizeTable.Value;
            if (cells.Count <= Math.Max(labelCol, itemsCol)) return false;
            var found = GuideLabel.Resolve(cells[labelCol], _module);
            if (found.Function == null) return false;
            var text = Regex.Replace(cells[itemsCol], @"\s*\([^()]*\)", "").Trim();
            var given = SplitItems(text);
            // Items are names ("Service / Service Board", "Workstation"); a sentence ("whichever levels you schedule") is not a list.
            if (found.Function.CustomizeList == null || given.Count == 0 || given.Any(i => GuideLine.Words(i) > 8 || char.IsLower(i[0])))
            {
                Unread(line, found.Function.CustomizeList == null
                    ? "a Customize allow-list for " + found.Function + ", which has no Customize list the module knows"
                    : "the allow-list for " + found.Function + " is not a list of items the module can read");
                return true;
            }
            var target = new Named { Function = found.Function, Lines = { line.Number } };
            if (Regex.IsMatch(text, @"^(?:all|allow\s+all|all\s+(?:items|entries|tables))$", Opt))
            {
                var fact = CustomizeOf(target.Function);
                fact.AllowAll = true;
                fact.Lines.Add(line.Number);
            }
            else
            {
                var fact = CustomizeOf(target.Function);
                foreach (var item in given) AddItem(fact, item, line.Number);
                fact.Lines.Add(line.Number);
            }
            _used.Add(line.Number);
            return true;
        }

        CustomizeFact CustomizeOf(ModuleFunction function)
        {
            var fact = _customize.FirstOrDefault(c => c.Function == function);
            if (fact == null) _customize.Add(fact = new CustomizeFact { Function = function });
            return fact;
        }

        bool ReadCustomizeItem(GuideLine line)
        {
            var text = line.Text;
            var looksLikeItem = text.IndexOf('/') > 0 && GuideLine.Words(text) <= 8 && !GuidePhrases.Phrase.IsMatch(text);
            if (!line.IsBullet && !looksLikeItem) return false;
            if (line.IsBullet && !looksLikeItem && GuideLabel.Resolve(text, _module).IsModuleOnly) return false;
            foreach (var item in SplitItems(text)) AddItem(_items, item, line.Number);
            _items.Lines.Add(line.Number);
            _used.Add(line.Number);
            return true;
        }

        static List<string> SplitItems(string text)
            => Regex.Split(text ?? "", @"\s*[,;]\s*|\s+and\s+(?=[^/]+/)", Opt).Select(s => s.Trim().TrimEnd('.').Trim()).Where(s => s.Length > 0).ToList();

        /// <summary>"Company/Company Status" as the catalogue writes it: "Company / Company Status".</summary>
        static string Item(string text)
        {
            var at = text.IndexOf('/');
            return at < 0 ? text.Trim() : text.Substring(0, at).Trim() + " / " + text.Substring(at + 1).Trim();
        }

        void AddItem(CustomizeFact fact, string text, int lineNumber)
        {
            var item = Item(text);
            var list = fact.Function.CustomizeList;
            var known = CustomizeCatalog.ItemsOf(list);
            var hit = known.FirstOrDefault(k => FunctionMatcher.Normalize(k) == FunctionMatcher.Normalize(item));
            if (hit == null && known.Count > 0)
            {
                _report.Unknown.Add(new GuideUnknownName
                {
                    Line = lineNumber, Name = item, Kind = list,
                    Closest = known.OrderBy(k => FunctionMatcher.Distance(FunctionMatcher.Normalize(k), FunctionMatcher.Normalize(item))).Take(3).ToList(),
                });
                _reported.Add(lineNumber);
            }
            var value = hit ?? item;
            if (!fact.Items.Contains(value)) fact.Items.Add(value);
        }

        // ------------------------------------------------------------------ results

        void BuildRows()
        {
            foreach (var group in _facts.GroupBy(f => f.Function))
            {
                var facts = group.ToList();
                var levels = new PermissionLevel[4];
                for (var c = 0; c < 4; c++)
                {
                    var stated = facts.Where(f => f.Levels[c].HasValue).Select(f => (Level: f.Levels[c].Value, f.Lines)).ToList();
                    var distinct = stated.Select(s => s.Level).Distinct().ToList();
                    if (distinct.Count > 1)
                        _report.Conflicts.Add(group.Key + ": the guide gives " + PermissionLevels.Names[c] + " as " +
                                              string.Join(" and ", stated.Select(s => s.Level + " (line " + GuideLines.Format(s.Lines) + ")")) +
                                              "; the profile takes the wider, " + distinct.Max() + ".");
                    levels[c] = distinct.Count == 0 ? PermissionLevel.None : distinct.Max();
                }
                var notes = facts.Select(f => f.Note).Where(n => n != null).Distinct().ToList();
                _report.Rows.Add(new GuideRow
                {
                    Module = group.Key.Module,
                    Function = group.Key.Function,
                    Add = levels[0], Edit = levels[1], Delete = levels[2], Inquire = levels[3],
                    Lines = facts.SelectMany(f => f.Lines).Distinct().OrderBy(n => n).ToList(),
                    Shape = facts.Any(f => f.Shape == GuideShape.ProseList) ? GuideShape.ProseList : facts[0].Shape,
                    Note = notes.Count == 0 ? null : string.Join("; ", notes),
                });
            }
        }

        void BuildCustomize()
        {
            // "Customize:" with nothing after it that could be read (the list was a picture, or lost when copied).
            foreach (var (function, mark) in _customizeMarks)
                if (!_customize.Any(c => c.Function == function && c.Lines.Contains(mark)))
                    Unread(new[] { mark }, "a Customize remark for " + function + " with no allow-list after it that the module can read");
            foreach (var c in _customize)
            {
                if (!_report.Rows.Any(r => r.Module == c.Function.Module && r.Function == c.Function.Function))
                {
                    Unread(c.Lines, "a Customize allow-list for " + c.Function + ", but the guide gives that row no level");
                    continue;
                }
                if (!c.AllowAll && c.Items.Count == 0)
                {
                    Unread(c.Lines, "a Customize allow-list for " + c.Function + " without items");
                    continue;
                }
                if (c.AllowAll && c.Items.Count > 0)
                    _report.Conflicts.Add(c.Function + ": the guide allows all of its Customize list (line " + GuideLines.Format(c.Lines) + ") and lists items; the profile allows all.");
                _report.Customize.Add(new CustomizeRequirement
                {
                    Module = c.Function.Module,
                    Function = c.Function.Function,
                    List = c.Function.CustomizeList,
                    AllowAll = c.AllowAll,
                    Allow = c.AllowAll ? new List<string>() : c.Items.ToList(),
                    Lines = c.Lines.Distinct().OrderBy(n => n).ToList(),
                });
            }
        }

        /// <summary>Lines nobody read that look like permissions: a level column, a named row with a level or with words of access, a listed row.</summary>
        void FindUnread()
        {
            foreach (var line in _lines)
            {
                if (line.IsBlank || line.IsSeparator || _used.Contains(line.Number) || _reported.Contains(line.Number)) continue;
                var text = line.Text;
                var mentioned = GuideLabel.Mentioned(text);
                var named = mentioned.Count > 0 ? " names " + string.Join(", ", mentioned.Take(3)) : "";
                if (GuidePhrases.MentionsColumn.IsMatch(text))
                    Unread(line, (named.Length > 0 ? named.Substring(1) + " and " : "") + "speaks of a level column, but gives no level the module can read (None, My or All)");
                else if (mentioned.Count > 0 && GuidePhrases.MentionsLevel.IsMatch(text) && GuidePhrases.MentionsAccess.IsMatch(text))
                    Unread(line, named.Substring(1) + " with a level, but does not say which of Add, Edit, Delete or Inquire");
                else if (mentioned.Count > 0 && GuidePhrases.MentionsAccess.IsMatch(text) && GuideLine.Words(text) <= 25)
                    Unread(line, named.Substring(1) + " and access, but no level");
                else if (NamesARow(line, out var what))
                    Unread(line, "names " + what + " without a level");
            }
        }

        /// <summary>A list item or short line that names a module or row (and nothing else): "- Companies", "- Finance / Agreements &amp; Additions".</summary>
        bool NamesARow(GuideLine line, out string what)
        {
            what = null;
            var text = line.Text;
            if (GuideLine.Words(text) > 8) return false;
            if (text.Length == 0 || !char.IsUpper(text[0])) return false;
            var whole = GuideLabel.Resolve(text, null);
            // A short line naming a row alone: a table's cell, or a "Module > Function" heading, with no level after it.
            if (whole.Function != null && (line.IsBullet || _tableLines.Contains(line.Number) || text.IndexOf('>') > 0)) { what = whole.Function.ToString(); return true; }
            if (!line.IsBullet) return false;
            if (whole.IsModuleOnly) { what = whole.Module; return true; }
            var lead = Regex.Split(text, @"\s*(?:/|>|:|\s-\s|\u2013)\s*")[0];
            var first = GuideLabel.Resolve(lead, null);
            if (first.Function != null) { what = first.Function.ToString(); return true; }
            if (first.IsModuleOnly) { what = first.Module + " (" + GuideLabel.Clean(text) + ")"; return true; }
            return false;
        }

        void Unread(GuideLine line, string reason) => Unread(new[] { line.Number }, reason);

        void Unread(IEnumerable<int> lines, string reason)
        {
            var list = lines.Distinct().OrderBy(n => n).ToList();
            if (list.Count == 0) return;
            foreach (var n in list) { _used.Add(n); _reported.Add(n); }
            var text = string.Join(" / ", list.Select(n => _lines[n - 1].Text).Where(t => t.Length > 0));
            _report.Unread.Add(new GuideUnreadLine { Line = list[0], Text = text.Length > 300 ? text.Substring(0, 300) + "..." : text, Reason = (list.Count > 1 ? "lines " + GuideLines.Format(list) + ": " : "") + reason });
        }

        void Unknown(int lineNumber, string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return;
            _report.Unknown.Add(new GuideUnknownName { Line = lineNumber, Name = name, Kind = "function", Closest = FunctionCatalog.Closest(_module, name) });
            _used.Add(lineNumber);
            _reported.Add(lineNumber);
        }
    }
}
