using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>An API member read field by field (<see cref="FieldConverter{T,TField}"/>): a listing of hundreds is parsed before the first member reaches the pipeline.</summary>
    internal sealed class ApiMemberConverter : FieldConverter<ApiMember, ApiMemberConverter.Field>
    {
        internal enum Field { Id, Identifier, Name, EmailAddress, SecurityRole, StructureLevel, SecurityLocation, DefaultLocation, SalesDefaultLocation,
                              DefaultDepartment, TimeZone, ServiceDefaultBoard, Notes, ExcludedServiceBoardIds, BlockPriceFlag, BlockCostFlag, InactiveFlag, InactiveDate }

        protected override string What => "an API member";

        protected override void Set(ApiMember m, Field field, JsonReader reader, JsonSerializer serializer)
        {
            switch (field)
            {
                case Field.Id: if (reader.ReadAsInt32() is int id) m.Id = id; return;
                case Field.Identifier: if (reader.ReadAsString() is string identifier) m.Identifier = identifier; return;
                case Field.Name: if (reader.ReadAsString() is string name) m.Name = name; return;
                case Field.EmailAddress: if (reader.ReadAsString() is string email) m.EmailAddress = email; return;
                case Field.Notes: if (reader.ReadAsString() is string notes) m.Notes = notes; return;
                case Field.BlockPriceFlag: if (reader.ReadAsBoolean() is bool price) m.BlockPriceFlag = price; return;
                case Field.BlockCostFlag: if (reader.ReadAsBoolean() is bool cost) m.BlockCostFlag = cost; return;
                case Field.InactiveFlag: if (reader.ReadAsBoolean() is bool inactive) m.InactiveFlag = inactive; return;
                case Field.InactiveDate: if (reader.ReadAsDateTime() is DateTime date) m.InactiveDate = date; return;
            }
            if (!NextValue(reader)) return;
            switch (field)
            {
                case Field.ExcludedServiceBoardIds: m.ExcludedServiceBoardIds = serializer.Deserialize<List<int>>(reader); return;
                case Field.SecurityRole: m.SecurityRole = serializer.Deserialize<Reference>(reader); return;
                case Field.StructureLevel: m.StructureLevel = serializer.Deserialize<Reference>(reader); return;
                case Field.SecurityLocation: m.SecurityLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.DefaultLocation: m.DefaultLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.SalesDefaultLocation: m.SalesDefaultLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.DefaultDepartment: m.DefaultDepartment = serializer.Deserialize<Reference>(reader); return;
                case Field.TimeZone: m.TimeZone = serializer.Deserialize<Reference>(reader); return;
                case Field.ServiceDefaultBoard: m.ServiceDefaultBoard = serializer.Deserialize<Reference>(reader); return;
            }
        }
    }

    /// <summary>A reference ({id, name}; anything else left out) read field by field (<see cref="FieldConverter{T,TField}"/>).</summary>
    internal sealed class ReferenceConverter : FieldConverter<Reference, ReferenceConverter.Field>
    {
        internal enum Field { Id, Name }

        protected override string What => "a reference";

        protected override void Set(Reference r, Field field, JsonReader reader, JsonSerializer serializer)
        {
            if (field == Field.Id) { if (reader.ReadAsInt32() is int id) r.Id = id; }
            else if (reader.ReadAsString() is string name) r.Name = name;
        }
    }
}
