using System.Management.Automation; using System.Management.Automation.Runspaces; using System.Reflection;
public class T { [Xunit.Fact] public void A(){ 
 var dir = typeof(T).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a=>a.Key=="ModuleDirectory").Value;
 var iss = InitialSessionState.CreateDefault2(); using var rs = RunspaceFactory.CreateRunspace(iss); rs.Open(); using var ps = PowerShell.Create(); ps.Runspace = rs; 
 ps.AddScript("Import-Module '"+dir+"ConnectWiseSetup.psd1' -ErrorAction Stop; Get-CwConnection; (Get-Module ConnectWiseSetup).ModuleBase; [ConnectWiseSetup.Cmdlets.GetCwConnectionCommand].Assembly.Location"); var r = ps.Invoke(); 
 System.Console.WriteLine(string.Join("\n", r)); foreach (var e in ps.Streams.Error) System.Console.WriteLine(e);
 Xunit.Assert.Equal("placeholder", r[0]); } }
