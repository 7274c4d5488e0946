using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>One piece of a table cell (<see cref="GuidePhrases.Lex"/>).</summary>
    internal struct GuideToken
    {
        public GuideTokenKind Kind;
        public string Text;
        public PermissionLevel Level;
        /// <summary>0 Add, 1 Edit, 2 Delete, 3 Inquire.</summary>
        public int Column;

        public override string ToString() => Kind == GuideTokenKind.Level ? Level.ToString() : Kind == GuideTokenKind.Column ? PermissionLevels.Names[Column] : Kind + ":" + Text;
    }
}
