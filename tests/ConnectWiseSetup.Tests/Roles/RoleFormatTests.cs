using ConnectWiseSetup.Model;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Roles
{
    public sealed class RoleFormatTests
    {
        [Fact]
        public void The_roles_format_file_loads_and_its_views_name_real_properties_of_module_types()
        {
            // Out-String is not in this bare host; the engine's FormatTable parses and checks the views as Import-Module does.
            var path = Path.Combine(TestPaths.ModuleDirectory, "ConnectWiseSetup.Roles.format.ps1xml");
            _ = new System.Management.Automation.Runspaces.FormatTable(new[] { path });
            var xml = System.Xml.Linq.XDocument.Load(path);
            var views = xml.Descendants("View").ToList();
            Assert.Equal(6, views.Count);
            foreach (var view in views)
            {
                var type = typeof(SecurityRole).Assembly.GetType(view.Element("ViewSelectedBy").Element("TypeName").Value, throwOnError: true);
                foreach (var p in view.Descendants("PropertyName"))
                    Assert.NotNull(type.GetProperty(p.Value));
                if (view.Element("TableControl") != null)
                    Assert.Equal(view.Descendants("TableColumnHeader").Count(), view.Descendants("TableColumnItem").Count());
            }
            using var s = new PsSession();
            var r = s.Run("(Get-Module ConnectWiseSetup).ExportedFormatFiles");
            r.AssertNoErrors();
            Assert.Contains(r.Output, o => o.ToString().EndsWith("ConnectWiseSetup.Roles.format.ps1xml"));
        }
    }
}
