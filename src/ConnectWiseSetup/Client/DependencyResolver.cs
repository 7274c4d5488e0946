using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no binding redirects for a module: Polly.Core asks for
    /// Microsoft.Bcl.AsyncInterfaces 6.0.0.0, Microsoft.Bcl.TimeProvider 8.0.0.0 and System.ComponentModel.Annotations
    /// 4.2.0.0 while the module folder ships 8.0.0.0, 8.0.0.1 and 4.2.1.0, and a bind to a version not on disk fails.
    /// This handler answers such requests, when they come from the module or its dependencies, with the file the module
    /// folder ships (a binding redirect in code). A request from another module's assembly is left to that module, and an
    /// assembly already loaded with the requested identity never reaches the handler. PowerShell 7 (.NET) accepts a higher
    /// version and probes the module folder itself, so the handler is only registered on .NET Framework.
    /// </summary>
    internal static class DependencyResolver
    {
        static int _registered;

        internal static string ModuleFolder => Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location);

        /// <summary>.NET Framework's core library is mscorlib (.NET's is System.Private.CoreLib).</summary>
        internal static bool IsNetFramework => string.Equals(typeof(object).Assembly.GetName().Name, "mscorlib", StringComparison.Ordinal);

        public static void Register()
        {
            if (!IsNetFramework) return;
            if (Interlocked.Exchange(ref _registered, 1) == 1) return;
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }

        static Assembly OnAssemblyResolve(object sender, ResolveEventArgs args)
        {
            var path = PathFor(args.Name, args.RequestingAssembly?.IsDynamic == true ? null : args.RequestingAssembly?.Location, ModuleFolder);
            if (path == null) return null;
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (loaded.IsDynamic) continue;
                string location;
                try { location = loaded.Location; } catch (NotSupportedException) { continue; }
                if (string.Equals(location, path, StringComparison.OrdinalIgnoreCase)) return loaded;
            }
            return Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The file of the module folder that answers a request for <paramref name="requestedName"/>, or null: only for a
        /// request from an assembly in that folder (or from an unknown one), never for resources, and only for a file the
        /// folder ships.
        /// </summary>
        internal static string PathFor(string requestedName, string requestingLocation, string folder)
        {
            AssemblyName name;
            try { name = new AssemblyName(requestedName); }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException) { return null; }
            if (string.IsNullOrEmpty(name.Name) || name.Name.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
            if (!string.IsNullOrEmpty(requestingLocation)
                && !string.Equals(Path.GetFullPath(Path.GetDirectoryName(requestingLocation)).TrimEnd(Path.DirectorySeparatorChar),
                                  Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.OrdinalIgnoreCase))
                return null;
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }
    }
}
