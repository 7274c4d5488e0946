using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// The only code that looks inside a private key. Plain copies live in char/byte arrays that are
    /// zeroed straight after use; the one lasting form is the Basic credential inside the client.
    /// </summary>
    internal static class SecretHelper
    {
        /// <summary>True when any character of the secret satisfies <paramref name="predicate"/>.</summary>
        public static bool Any(SecureString secret, Func<char, bool> predicate)
        {
            if (secret == null || secret.Length == 0) return false;
            var chars = ToChars(secret);
            try
            {
                foreach (var c in chars) if (predicate(c)) return true;
                return false;
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>True when both secrets hold the same characters (the comparison takes the same time wherever they differ).</summary>
        public static bool Same(SecureString a, SecureString b)
        {
            if (a == null || b == null) return a == null && b == null;
            var x = ToChars(a);
            var y = ToChars(b);
            try
            {
                var diff = x.Length ^ y.Length;
                for (var i = 0; i < Math.Min(x.Length, y.Length); i++) diff |= x[i] ^ y[i];
                return diff == 0;
            }
            finally
            {
                Array.Clear(x, 0, x.Length);
                Array.Clear(y, 0, y.Length);
            }
        }

        /// <summary>base64("{companyId}+{publicKey}:{privateKey}"), the parameter of the Basic Authorization header.</summary>
        public static string BasicCredential(string companyId, string publicKey, SecureString privateKey)
        {
            var prefix = companyId + "+" + publicKey + ":";
            var key = ToChars(privateKey);
            var all = new char[prefix.Length + key.Length];
            byte[] bytes = null;
            try
            {
                prefix.CopyTo(0, all, 0, prefix.Length);
                Array.Copy(key, 0, all, prefix.Length, key.Length);
                bytes = Encoding.UTF8.GetBytes(all);
                return Convert.ToBase64String(bytes);
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
                Array.Clear(all, 0, all.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>
        /// The secret as plain text, for the one call that exists to show it to a person (CwApiKey.RevealPrivateKey,
        /// IntegrationVendorValue.Reveal): the string is what they paste into a vendor's portal. Nothing else calls it.
        /// </summary>
        public static string Reveal(SecureString secret)
        {
            if (secret == null) return null;
            var chars = ToChars(secret);
            try { return new string(chars); }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>A SecureString from plain text (for callers that only have a string, e.g. tests).</summary>
        public static SecureString ToSecureString(string plain)
        {
            var s = new SecureString();
            if (plain != null) foreach (var c in plain) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        private static char[] ToChars(SecureString secret)
        {
            if (secret == null) return new char[0];
            var length = secret.Length;
            var result = new char[length];
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                for (var i = 0; i < length; i++) result[i] = (char)Marshal.ReadInt16(ptr, i * 2);
                return result;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
