using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ITokenEncryptor"/> (AES-256-GCM) bound to section "TokenEncryption", the key
    /// falling back to TOKENS_ENCRYPTION_KEY; invalid keys fail at start-up.</summary>
    public static IServiceCollection AddTokenEncryption(this IServiceCollection services)
    {
        services.AddOptions<TokenEncryptionOptions>()
            .BindConfiguration(TokenEncryptionOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.Key))
                {
                    options.Key = configuration[TokenEncryptionOptions.KeyEnvironmentVariable] ?? "";
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenEncryptionOptions>, TokenEncryptionOptionsValidator>());
        services.TryAddSingleton<ITokenEncryptor, AesGcmTokenEncryptor>();
        return services;
    }
}
