using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>What a piece of a table cell is: text, a level (None/My/All), a level column's name, or a Customize marker.</summary>
    internal enum GuideTokenKind
    {
        Text,
        Level,
        Column,
        Customize,
    }
}
