using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Import-Module hook: registers the dependency resolver on Windows PowerShell 5.1 (see <see cref="DependencyResolver"/>)
    /// before any cmdlet touches the Bcl packages. It is never unregistered: Remove-Module in one runspace must not
    /// break the module in another runspace of the same process, and the handler only answers for the module's own files.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport() => DependencyResolver.Register();
    }
}
