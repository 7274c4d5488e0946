using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Reads the permission rows, Customize allow-lists and names out of a vendor guide's text, line by line, in every
    /// shape <see cref="GuideShape"/> lists. What it reads carries its line numbers; what looks like a permission but
    /// cannot be read is reported (<see cref="GuideImportReport.Unread"/>), never guessed; names the catalogue does not
    /// know are reported with the closest it knows. A level a guide does not mention for a row it lists is None.
    /// </summary>
    internal sealed partial class GuideParser
    {
        const RegexOptions Opt = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        /// <summary>Lines without table progress after which a flattened table is over.</summary>
        const int TableIdleLimit = 6;
        /// <summary>Non-blank lines after a row during which "Allow access to all ..." still belongs to it.</summary>
        const int CustomizeReach = 3;
        /// <summary>The most characters of an unknown name reported (and compared with the catalogue's names).</summary>
        const int MaxName = 120;


        readonly List<GuideLine> _lines;
        readonly GuideImportReport _report;
        readonly List<Fact> _facts = new List<Fact>();
        readonly Dictionary<ModuleFunction, Fact> _lastFact = new Dictionary<ModuleFunction, Fact>();   // the last fact of each row
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
            /// <summary>Marks read as All that are no level ("Yes", a check mark): the row is doubted.</summary>
            public string Marks;
            /// <summary>The condition the guide puts on these levels ("if you use invoices"), or null: required.</summary>
            public string Condition;
        }

        sealed class CustomizeFact
        {
            public ModuleFunction Function;
            public bool AllowAll;
            /// <summary>Items the guide moves to the Disallow side: reported, not an allow-list.</summary>
            public bool Disallow;
            public readonly List<string> Items = new List<string>();
            public readonly HashSet<string> Seen = new HashSet<string>();
            public readonly List<int> Lines = new List<int>();
        }

        sealed class PendingRow
        {
            public ModuleFunction Function;      // null: the label is unknown (reported), the levels are still taken
            public string Label;
            public readonly List<int> Lines = new List<int>();
            public readonly List<PermissionLevel?> Levels = new List<PermissionLevel?>();
            public readonly List<string> Bad = new List<string>();
            public readonly List<string> Marks = new List<string>();
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
            public int Kind;                        // the items' kind: 1 table rows, 2 bullets, 3 lines
            public bool Section;                    // a heading's statement: it governs its section, up to the next heading of its rank
            public int HeadingLevel;
            public (string Text, int Line)? Condition;   // the list is optional: "If you use X, the role also needs:"
        }

        int _lastStatement;                                        // the last line a level statement was read from
        bool _blankBefore;                                         // a blank line came before the line being read
        readonly List<(ModuleFunction Function, int Line)> _block = new List<(ModuleFunction, int)>();   // rows named without a level, for a statement after them
        (string Text, int Line, int Level)? _sectionCondition;     // a heading that makes its section optional
        (string Text, int Line)? _blockCondition;                  // a sentence that makes the list or table after it optional
        (string Text, int Line)? _lineCondition;                   // a condition on the statement being read

        /// <summary>"If you use ...", "Optional", "only required when ...": words that make a statement's rows optional.</summary>
        static readonly Regex Cue = new Regex(@"^\s*(?:if|when|optional(?:ly)?)\b|\b(?:optional(?:ly)?|only\s+(?:if|when)|(?:only\s+)?(?:required|needed|necessary)\s+(?:only\s+)?(?:if|when)|if\s+you(?:'re|\s+are)?\s+(?:use|using|want|plan|need|enable|sync|have|bill|also)|when\s+using|if\s+using)\b", Opt);

        (string Text, int Line)? ConditionInForce()
            => _lineCondition ?? _blockCondition ?? (_sectionCondition.HasValue ? (_sectionCondition.Value.Text, _sectionCondition.Value.Line) : ((string, int)?)null);

        static string ConditionText(string text)
        {
            var t = (text ?? "").Trim().TrimEnd(':', '.', ';', ' ').Trim();
            return t.Length > 160 ? t.Substring(0, 160) + "..." : t;
        }

        /// <summary>The scopes of conditions: a heading's section, the list or table after a sentence.</summary>
        void Scope(GuideLine line)
        {
            if (line.IsHeading && _sectionCondition.HasValue && line.HeadingLevel <= _sectionCondition.Value.Level) _sectionCondition = null;
            if (_blockCondition.HasValue && line.Number > _blockCondition.Value.Line && !line.IsBullet && line.Cells == null) _blockCondition = null;
            if (!Cue.IsMatch(line.Text)) return;
            if (line.IsHeading) _sectionCondition = (ConditionText(line.Text), line.Number, line.HeadingLevel);
            else if (line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal)) _blockCondition = (ConditionText(line.Text), line.Number);
        }

        readonly CancellationToken _cancel;

        /// <param name="cutAtEnd">The text ends inside a row (a web page whose table stops in a row or cell): its last line is not read.</param>
        public GuideParser(string text, GuideImportReport report, CancellationToken cancel = default(CancellationToken), bool cutAtEnd = false)
        {
            _cancel = cancel;
            _lines = GuideLine.Split(text, cancel);
            _report = report;
            report.Lines = _lines.Select(l => l.Raw).ToList();
            var last = _lines.LastOrDefault(l => !l.IsBlank && !l.IsSeparator);
            if (last != null && (cutAtEnd || CutPhrase.IsMatch(last.Text))) _cutLine = last.Number;
        }

        /// <summary>The guide's last line when the guide stops inside it (0: none).</summary>
        readonly int _cutLine;

        /// <summary>A statement that stops before its level: "Inquire Level - A", "Edit Level =" at the guide's very end.</summary>
        static readonly Regex CutPhrase = new Regex(@"(?:\b(?i:add|edit|delete|inquire|inquiry)(?:\s+(?i:levels?))?)\s*(?:=|:|-|\u2013|\u2014|\((?!\s*(?i:none|my|all)\b)|\b(?i:set\s+to|to|is|at)\b)?\s*(?:(?i:a|al|n|no|non|m)|[=:\-\u2013\u2014(])$", Opt);

        /// <summary>The row the guide stops inside: reported, never completed by guessing nor read with the levels it has.</summary>
        void Cut(GuideLine line)
        {
            var named = GuideLabel.Mentioned(line.Text);
            Unread(line, (named.Count > 0 ? named[0] + ": " : "") + "the guide ends inside this row (the page is cut off), so it is not read");
        }

        /// <summary>
        /// Reads the guide: one pass over its lines (each at most <see cref="GuideLine.MaxChars"/>), then the rows and lists
        /// gathered, then one pass for the lines nobody read. Linear in the guide's length; the token is checked on every line.
        /// </summary>
        public void Parse()
        {
            _report.Product = GuideIdentity.Product(_lines);
            foreach (var line in _lines)
            {
                _cancel.ThrowIfCancellationRequested();
                if (line.Number == _cutLine) { Cut(line); continue; }
                if (!line.IsBlank && !line.IsSeparator) Scope(line);
                Process(line);
                if (line.IsBlank) _blankBefore = true;
                else if (!line.IsSeparator) _blankBefore = false;
            }
            EndRow();
            EndList();
            BuildRows();
            BuildCustomize();
            foreach (var line in _lines.Where(l => l.Cut && !_reported.Contains(l.Number)))
                Unread(line, "the line has " + line.Raw.Length + " characters; only its first " + GuideLine.MaxChars + " were read");
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
            // A table row with a Customize remark ("AgreementsNoneAllNoneAllCustomize: Allow access to all agreements") is a row
            // first, and so is a level statement ("Table Setup: Inquire All (customize: allow only Service / Service Board)").
            var statement = line.Cells == null && _list == null && GuidePhrases.Phrase.IsMatch(GuidePhrases.Canonical(line.Text)) && GuidePhrases.MentionsCustomize(line.Text);
            if (line.Cells == null && !statement && !(_columns != null && GuidePhrases.Lex(line.Text).Any(t => t.Kind == GuideTokenKind.Level)) && ReadCustomize(line.Text, line, null)) return;
            if (!line.IsBullet && line.Cells == null && !Closer.IsMatch(line.Text)) _block.Clear();
            if (_list != null)
            {
                if (ReadListItem(line)) return;
                EndList();
            }
            if (line.Cells != null) ProcessCells(line);
            else ProcessText(line);
            if (_columns != null) _tableLines.Add(line.Number);
            if (statement && _lastRow != null && _sinceRow == 0)
            {
                // The allow-list after the statement belongs to the row it just read.
                var at = line.Text.IndexOf("ustomi", StringComparison.OrdinalIgnoreCase);
                ReadCustomize(line.Text.Substring(Math.Max(0, at - 1)), line, _lastRow);
            }
        }

        bool ReadNames(GuideLine line)
        {
            var names = new List<(string Kind, string Value)>();
            // Names are read with the format characters the guide has: the names rule refuses a hidden one, nothing folds it away.
            if (line.NameCells != null)
            {
                var cell = GuideIdentity.ReadCells(line.NameCells);
                if (cell.HasValue) names.Add(cell.Value);
            }
            else names.AddRange(GuideIdentity.Read(line.NameText));
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
            if (tokens.Count > 1 && tokens[0].Kind == GuideTokenKind.Text && IsHeader(tokens.Skip(1).ToList()))
            {
                // "Companies Add Level Edit Level Delete Level Inquire Level": a module's own header row.
                var heading = GuideLabel.Resolve(tokens[0].Text, null);
                if (heading.IsModuleOnly)
                {
                    StartHeader(tokens.Where(t => t.Kind == GuideTokenKind.Column).Select(t => t.Column).ToList(), line, null);
                    _headerOpen = false;
                    _module = heading.Module;
                    return;
                }
            }
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
            if (_columns == null)
            {
                // A table row with no level cells ("| Procurement | Products | reads the catalogue |"): its name waits for a statement.
                var rows = ItemRows(line, _module, out var module, out _);
                if (rows.Count == 1)
                {
                    if (module != null) _module = module;
                    _block.Add((rows[0], line.Number));
                    _current = new Named { Function = rows[0], Lines = { line.Number } };
                    return;
                }
            }
            ReadLabel(line, line.Text);
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
                // A row named alone in a list or table waits for a statement after it ("both of the above need ...").
                if (line.IsBullet || line.Cells != null) _block.Add((label.Function, line.Number));
                _current = new Named { Function = label.Function, Lines = { line.Number } };
                _pending.Clear();
                _pending.Add((text, line.Number));
                if (_columns != null) _idle = 0;
                return;
            }
            _pending.Add((text, line.Number));
            if (_pending.Count > 3) _pending.RemoveAt(0);
            // A remark on the line after a row's level statement ("Needed to add catalog entries ...") keeps the row for the
            // statements after it; other prose ends it.
            if (GuideLine.Words(text) > 3 && line.Number - 1 != _lastStatement) _current = null;
            Idle();
        }

        // ------------------------------------------------------------------ reports

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
            // No label is this long: the closest rows are looked up for its start (the distance is quadratic in the length).
            if (name.Length > MaxName) name = name.Substring(0, MaxName) + "...";
            _report.Unknown.Add(new GuideUnknownName { Line = lineNumber, Name = name, Kind = "function", Closest = FunctionCatalog.Closest(_module, name) });
            _used.Add(lineNumber);
            _reported.Add(lineNumber);
        }
    }
}
