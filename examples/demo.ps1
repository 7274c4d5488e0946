# The ConnectWiseSetup demo, run against a fresh local simulator by `dotnet run --project examples/Demo`,
# by `./build.ps1 -Task Demo` and by an xunit test. The host that runs it sets:
#   $Server, $CompanyId, $ClientId, $Cred   how to reach the simulator's demo tenant as its administrator
#   $Operator                               the simulator's operator channel: it plays the administrator
#                                           in the web UI for the steps the API cannot do
param()

'== Connecting to the demo tenant (a local ConnectWise simulator) =='
$connection = Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred -PassThru
$connection
