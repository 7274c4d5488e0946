using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>The built-in profiles (embedded JSON, one per seed guide) and loading users' profile files.</summary>
    public static class ProfileCatalog
    {
        const string Prefix = "ConnectWiseSetup.Profiles.";
        static readonly Lazy<IReadOnlyList<PermissionProfile>> BuiltIns = new Lazy<IReadOnlyList<PermissionProfile>>(LoadBuiltIns);

        public static IReadOnlyList<PermissionProfile> BuiltIn => BuiltIns.Value;

        public static IEnumerable<string> BuiltInNames => BuiltIn.Select(p => p.Name);

        static IReadOnlyList<PermissionProfile> LoadBuiltIns()
        {
            var asm = typeof(ProfileCatalog).GetTypeInfo().Assembly;
            var list = new List<PermissionProfile>();
            foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                using (var stream = asm.GetManifestResourceStream(resource))
                using (var reader = new StreamReader(stream))
                {
                    var p = ProfileJson.Parse(reader.ReadToEnd(), "built-in " + resource.Substring(Prefix.Length));
                    p.BuiltIn = true;
                    p.Origin = "built-in" + (p.Source == null ? "" : ": " + p.Source + (p.SourceRead == null ? "" : ", read " + p.SourceRead));
                    list.Add(p);
                }
            }
            return list;
        }

        /// <summary>A built-in profile by name (case-insensitive; the display name also works), or null.</summary>
        public static PermissionProfile FindBuiltIn(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            var key = FunctionMatcher.Normalize(name);
            return BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? BuiltIn.FirstOrDefault(p => FunctionMatcher.Normalize(p.Name) == key || FunctionMatcher.Normalize(p.DisplayName) == key);
        }

        /// <summary>
        /// The most bytes of a profile file read: 1 MiB. The largest built-in profile is 16 KB; a file past this is not a profile
        /// (or is /dev/zero, a device or a runaway file), and it is refused after reading at most this much, whatever length it reports.
        /// </summary>
        internal const int MaxFileBytes = 1024 * 1024;

        /// <summary>
        /// The time a profile file may take to open and be read: 10 s. A profile is at most a few KB on a disk; a file that gives no
        /// end of text by then is a pipe or a device, and is refused rather than waited on.
        /// </summary>
        internal static readonly TimeSpan FileLimit = TimeSpan.FromSeconds(10);

        /// <summary>Loads a user's profile file; a bad, missing, too large or never-ending file gives a <see cref="ProfileFormatException"/> naming the field.</summary>
        public static PermissionProfile LoadFile(string path) => LoadFile(path, FileLimit, CancellationToken.None);

        internal static PermissionProfile LoadFile(string path, TimeSpan limit, CancellationToken cancel)
        {
            if (!File.Exists(path))
                throw new ProfileFormatException(path, "(file)", "the file does not exist");
            byte[] bytes;
            try { bytes = BoundedFile.Read(path, MaxFileBytes, limit, cancel); }
            catch (BoundedFile.Refusal refusal) when (refusal.TooLarge)
            {
                throw new ProfileFormatException(path, "(file)", "it is larger than " + (MaxFileBytes / (1024 * 1024)) + " MB, which no profile is (the largest built-in one is 16 KB)");
            }
            catch (BoundedFile.Refusal)
            {
                throw new ProfileFormatException(path, "(file)", "it gave no end of text within " + limit.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    " seconds (a pipe or a device?); save the profile as a .json file");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                throw new ProfileFormatException(path, "(file)", "it could not be read: " + e.Message);
            }
            using (var reader = new StreamReader(new MemoryStream(bytes), new System.Text.UTF8Encoding(false), true))
                return ProfileJson.Parse(reader.ReadToEnd(), path);
        }

        /// <summary>
        /// Resolves what a user typed after -Profile: a built-in name, or a path to a JSON file.
        /// Throws <see cref="UnknownProfileException"/> listing the built-in names.
        /// </summary>
        public static PermissionProfile Resolve(string nameOrPath)
        {
            var builtIn = FindBuiltIn(nameOrPath);
            if (builtIn != null) return builtIn;
            if (!string.IsNullOrWhiteSpace(nameOrPath) &&
                (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.IndexOfAny(new[] { '/', '\\' }) >= 0 || File.Exists(nameOrPath)))
                return LoadFile(nameOrPath);
            throw new UnknownProfileException(nameOrPath, BuiltInNames.ToList());
        }
    }

    /// <summary>No built-in profile of that name: ErrorId CwUnknownProfile; the message lists the built-in names.</summary>
    public sealed class UnknownProfileException : Client.CwException
    {
        public UnknownProfileException(string name, IReadOnlyList<string> known)
            : base(Client.ErrorIds.UnknownProfile, System.Management.Automation.ErrorCategory.ObjectNotFound,
                   "There is no built-in profile named '" + name + "'. Built-in profiles: " + string.Join(", ", known) + ". To use your own, pass the path of a profile JSON file.", name)
        {
            Name = name;
            Known = known;
        }

        public string Name { get; }

        /// <summary>The built-in profile names.</summary>
        public IReadOnlyList<string> Known { get; }
    }
}
