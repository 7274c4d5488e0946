using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Lets a <c>-Profile</c> parameter of type PermissionProfile take a built-in name, a profile object or
    /// the path of a profile JSON file. Put it with <c>[ArgumentCompleter(typeof(ProfileNameCompleter))]</c>
    /// on every cmdlet that takes a profile. A bad value fails parameter binding (before any request) with
    /// the module's message; the inner exception carries the ErrorId (CwUnknownProfile, CwInvalidProfile).
    /// </summary>
    public sealed class ProfileTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                return ProfileArgument.Resolve(inputData, engineIntrinsics?.SessionState?.Path);
            }
            catch (CwException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
