namespace ConnectWiseSetup.Client
{
    /// <summary>One entry of ConnectWise's <c>errors</c> array: which field of which resource, and why.</summary>
    public sealed class CwFieldError
    {
        public CwFieldError(string code, string message, string resource, string field)
        {
            Code = code; Message = message; Resource = resource; Field = field;
        }

        public string Code { get; }
        public string Message { get; }
        public string Resource { get; }
        public string Field { get; }

        public override string ToString()
        {
            var where = string.IsNullOrEmpty(Field) ? Resource : Field;
            var text = string.IsNullOrEmpty(Message) ? Code : Message;
            return string.IsNullOrEmpty(where) ? text : where + ": " + text;
        }
    }
}
