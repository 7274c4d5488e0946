using System;

namespace ConnectWiseSetup.Model
{
    /// <summary>What Test-CwApiKey found out about a key: whether it signs in, as whom, whether that member is active, its role.</summary>
    public sealed class CwApiKeyTestResult
    {
        public string PublicKey { get; internal set; }
        public string CompanyId { get; internal set; }
        public string Server { get; internal set; }

        /// <summary>True when ConnectWise accepted the key (/system/info answered with it).</summary>
        public bool IsValid { get; internal set; }

        /// <summary>The member the key signs in as (from /system/mySecurity); null when not valid.</summary>
        public MemberReference Member { get; internal set; }

        /// <summary>Whether the member is active; null when not known (the key was refused).</summary>
        public bool? IsActive { get; internal set; }

        /// <summary>The member's security role; null when it could not be read.</summary>
        public Reference SecurityRole { get; internal set; }

        /// <summary>Where the role came from: "member record (with the key)", "member record (with the connection)", or null.</summary>
        public string RoleSource { get; internal set; }

        /// <summary>How many /system/mySecurity rows grant at least one level (the key's effective rights).</summary>
        public int EffectiveRightCount { get; internal set; }

        /// <summary>Why the key is not valid, or what could not be read.</summary>
        public string Message { get; internal set; }

        public DateTime TestedAt { get; internal set; }

        /// <summary>When the key was made, as its vault's metadata records it (Test-CwApiKey -Vault); null when not known.</summary>
        public DateTime? CreatedAt { get; internal set; }

        /// <summary>
        /// The key's age at <see cref="TestedAt"/>, when <see cref="CreatedAt"/> is known and not later than the test (up to
        /// <see cref="ClockSkew"/> later counts as made just now). A date further in the future gives no age, never a negative
        /// one that a monitor would read as young: <see cref="AgeUnknownReason"/> says why.
        /// </summary>
        public TimeSpan? Age
        {
            get
            {
                if (!CreatedAt.HasValue) return null;
                var age = TestedAt - CreatedAt.Value;
                if (age >= TimeSpan.Zero) return age;
                return -age <= ClockSkew ? TimeSpan.Zero : (TimeSpan?)null;
            }
        }

        /// <summary>How far in the future a vault's date may be and still count as "made just now" (two clocks that differ a little).</summary>
        public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Why <see cref="Age"/> is null for a key read from a vault: the metadata has no date, describes another key, or dates the key
        /// later than now; null when the age is known or the key was given (not read from a vault).
        /// </summary>
        public string AgeUnknownReason { get; internal set; }

        /// <summary>Where the key came from: "vault 'V', secret 'N'", or null when it was given.</summary>
        public string Source { get; internal set; }

        public override string ToString()
            => IsValid ? PublicKey + ": valid, " + Member + (IsActive == false ? " (inactive)" : "") + (SecurityRole != null ? ", role " + SecurityRole : "") +
                         (Age.HasValue ? ", " + ((int)Age.Value.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture) + " day(s) old" : "")
                       : PublicKey + ": not valid (" + Message + ")";
    }
}
