using System.Collections.Generic;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// One row of the security-role screen as the module knows it offline (<see cref="FunctionCatalog"/>): the module
    /// heading and function label the web UI shows, the other spellings guides use, and the Customize list the row has.
    /// </summary>
    public sealed class ModuleFunction
    {
        internal ModuleFunction(string module, string function, string customizeList, IReadOnlyList<string> aliases, IReadOnlyList<string> moduleAliases, string sureness)
        {
            Module = module;
            Function = function;
            CustomizeList = customizeList;
            Aliases = aliases;
            ModuleAliases = moduleAliases;
            Sureness = sureness;
        }

        /// <summary>The module heading, e.g. "Companies".</summary>
        public string Module { get; }

        /// <summary>The function label, e.g. "Company Maintenance".</summary>
        public string Function { get; }

        /// <summary>ConnectWise's customizeIdentifier of the row's Customize list (e.g. SystemTableSetup), or null.</summary>
        public string CustomizeList { get; }

        /// <summary>Other spellings of the function seen in guides.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>Other spellings of the module heading seen in guides.</summary>
        public IReadOnlyList<string> ModuleAliases { get; }

        /// <summary>How sure the catalogue is that ConnectWise shows this row: multi, single or inferred (CW-CATALOG.md's markers).</summary>
        public string Sureness { get; }

        public override string ToString() => Module + " / " + Function;
    }
}
