using System;
using System.Globalization;
using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>What an identity parameter names.</summary>
    public enum CwIdentityKind
    {
        /// <summary>An API member: an object of the module, an id or an identifier (at most 15 characters).</summary>
        ApiMember,
        /// <summary>A security role: an object of the module, an id or a name (at most 30 characters).</summary>
        SecurityRole,
        /// <summary>A level, location, department or time zone: an object of the module, an id or a name.</summary>
        Reference,
    }

    /// <summary>
    /// The one check of the <c>object</c> parameters that name something in the tenant (-ApiMember, -Role, -SecurityRole, -Level,
    /// -Department...), made at parameter binding, so a value that cannot name anything fails before any sign-in or request:
    /// text must hold a name (not empty or blank, no control character, not longer than ConnectWise allows for that kind), a
    /// number must be a whole id from 1 to 2147483647, and an object must be one of the module's own (Get-CwApiMember's,
    /// Get-CwSecurityRole's, a reference). A hashtable, a custom object, an array, a script block, a fraction or a date is
    /// refused. The binding error's inner exception is a CwException with ErrorId CwInvalidArgument.
    /// </summary>
    public sealed class ValidateCwIdentityAttribute : ValidateArgumentsAttribute
    {
        public ValidateCwIdentityAttribute(CwIdentityKind kind) { Kind = kind; }

        public CwIdentityKind Kind { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var problem = Check(Kind, arguments);
            if (problem != null) throw new ValidationMetadataException(problem.Message, problem);
        }

        /// <summary>The refusal of <paramref name="value"/> as a <paramref name="kind"/>, or null when it may name one.</summary>
        internal static CwException Check(CwIdentityKind kind, object value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            var what = kind == CwIdentityKind.ApiMember ? "an API member" : kind == CwIdentityKind.SecurityRole ? "a security role" : "a level, location, department or time zone";
            var how = kind == CwIdentityKind.ApiMember ? "a member object (Get-CwApiMember), an id or an identifier"
                    : kind == CwIdentityKind.SecurityRole ? "a role object (Get-CwSecurityRole), an id or a name"
                    : "an object, an id or a name";
            switch (value)
            {
                case null:
                    return null; // [ValidateNotNull] or the parameter's own default decides
                case string text:
                    if (text.Trim().Length == 0)
                        return Refuse("An empty or blank value cannot name " + what + ": pass " + how + ".", text);
                    foreach (var c in text)
                        if (char.IsControl(c))
                            return Refuse("'" + InputValidator.Printable(text) + "' contains a control character (a line break or tab?); it cannot name " + what + ".", text);
                    // A reference's name length is the names rule's (InputValidator), checked where the name is used.
                    var max = kind == CwIdentityKind.ApiMember ? InputValidator.MemberIdentifierMax : kind == CwIdentityKind.SecurityRole ? InputValidator.RoleNameMax : int.MaxValue;
                    if (text.Trim().Length > max)
                        return Refuse("'" + InputValidator.Printable(text) + "' has " + text.Trim().Length.ToString(CultureInfo.InvariantCulture) + " characters; ConnectWise's " +
                                      (kind == CwIdentityKind.ApiMember ? "member identifiers have" : "names have") + " at most " + max.ToString(CultureInfo.InvariantCulture) + ", so it cannot name " + what + ".", text);
                    return null;
                case int i: return i > 0 ? null : Refuse(i.ToString(CultureInfo.InvariantCulture) + " is not an id: ids are whole numbers from 1 up.", value);
                case long l: return l > 0 && l <= int.MaxValue ? null : Refuse(l.ToString(CultureInfo.InvariantCulture) + " is not an id: ids are whole numbers from 1 to " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + ".", value);
                case short _: case byte _: case sbyte _: case ushort _: case uint _: case ulong _:
                case double _: case float _: case decimal _:
                    var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    return number >= 1 && number <= int.MaxValue && decimal.Truncate(number) == number && !(value is double || value is float || value is decimal)
                        ? null
                        : Refuse(Convert.ToString(value, CultureInfo.InvariantCulture) + " is not an id: ids are whole numbers from 1 to " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + " (pass [int] " + Convert.ToString(value, CultureInfo.InvariantCulture) + " if you meant one).", value);
            }
            var type = value.GetType();
            if (type.Namespace != null && type.Namespace.StartsWith("ConnectWiseSetup", StringComparison.Ordinal)) return null;
            return Refuse("A " + TypeName(value) + " cannot name " + what + ": pass " + how + ".", null);
        }

        private static string TypeName(object value)
        {
            if (value is System.Collections.IDictionary) return "hashtable";
            if (value is PSCustomObject) return "custom object";
            if (value is Array) return "list";
            if (value is ScriptBlock) return "script block";
            return value.GetType().Name;
        }

        private static CwException Refuse(string message, object target)
            => CwException.Invalid(ErrorIds.InvalidArgument, message, target);
    }
}
