using System;
using System.Management.Automation;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Lets every parameter that takes an API key take every key the module hands out: a CwApiKey (New-CwApiKey), a PSCredential
    /// (user name = public key, password = private key), an install's result (its ApiKey) and a rotation's result (its NewKey).
    /// On a PSCredential parameter it replaces <c>[Credential]</c>: a key object becomes its Credential, a user name (or nothing)
    /// asks for the private key as <c>[Credential]</c> does. On a CwApiKey parameter a result becomes its key; anything else is
    /// left to the binder (a PSCredential then binds to the cmdlet's PSCredential parameter where it has one).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ApiKeyTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Give a PSCredential (true, the default) or a CwApiKey (false) to the parameter.</summary>
        public ApiKeyTransformationAttribute(bool asCredential = true) { AsCredential = asCredential; }

        public bool AsCredential { get; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : inputData;
            CwApiKey key;
            try { key = KeyOf(value); }
            catch (InvalidOperationException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
            if (AsCredential)
            {
                if (key != null) return key.Credential;
                if (value is PSCredential credential) return credential;
                // A user name or nothing: ask for the key as [Credential] does (the prompt names the public key).
                return new CredentialAttribute().Transform(engineIntrinsics, value);
            }
            // Anything else (a PSCredential among them: it has no server, company or clientId) is left to the binder, so a
            // positional or piped value still finds the parameter set that takes it.
            return key ?? inputData;
        }

        /// <summary>The key a module object holds, or null for anything else (left to the parameter's own conversion).</summary>
        internal static CwApiKey KeyOf(object value)
        {
            switch (value)
            {
                case CwApiKey key:
                    return key;
                case IntegrationInstallResult install:
                    return install.ApiKey ?? throw new InvalidOperationException(
                        "This install result holds no key yet (Status " + install.Status + "): run Install-CwIntegration again once the key is made, or pass the key itself.");
                case KeyRotationResult rotation:
                    return rotation.NewKey ?? throw new InvalidOperationException(
                        "This rotation result holds no new key yet (Status " + rotation.Status + "): run Update-CwApiKey again once the key is made, or pass the key itself.");
                default:
                    return null;
            }
        }
    }
}
