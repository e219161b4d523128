using Appliance.WebSockets.Deflate;

namespace Appliance.WebSockets.Tests.Deflate;

public class DeflateNegotiationTests
{
    [Test]
    public void Offer_lists_the_requested_parameters()
    {
        var options = new DeflateOptions { ServerNoContextTakeover = true, ServerMaxWindowBits = 10 };
        Assert.That(DeflateNegotiation.BuildOffer(options),
            Is.EqualTo("permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits"));
        Assert.That(DeflateNegotiation.BuildOffer(new DeflateOptions { OfferClientMaxWindowBits = false }), Is.EqualTo("permessage-deflate"));
    }

    [Test]
    public void Plain_acceptance_gives_default_windows()
    {
        var p = DeflateNegotiation.Accept("permessage-deflate", new DeflateOptions());
        Assert.That(p, Is.EqualTo(new DeflateParameters(false, false, 15, 15)));
    }

    [Test]
    public void Server_may_add_no_context_takeover_and_a_window_we_did_not_ask_for()
    {
        var p = DeflateNegotiation.Accept("permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=12; client_max_window_bits=9", new DeflateOptions());
        Assert.That(p, Is.EqualTo(new DeflateParameters(true, true, 12, 9)));
    }

    [Test]
    public void Quoted_values_and_case_are_tolerated()
    {
        var p = DeflateNegotiation.Accept("Permessage-Deflate; Server_Max_Window_Bits=\"11\"", new DeflateOptions());
        Assert.That(p!.ServerMaxWindowBits, Is.EqualTo(11));
    }

    [Test]
    public void No_header_means_deflate_declined()
    {
        Assert.That(DeflateNegotiation.Accept(null, new DeflateOptions()), Is.Null);
    }

    [TestCase("permessage-deflate", null, TestName = "Extension_we_did_not_offer_is_rejected")]
    [TestCase("x-webkit-deflate-frame", "offer", TestName = "Unknown_extension_is_rejected")]
    [TestCase("permessage-deflate, permessage-deflate", "offer", TestName = "Deflate_accepted_twice_is_rejected")]
    [TestCase("permessage-deflate; server_max_window_bits=7", "offer", TestName = "Window_bits_below_8_are_rejected")]
    [TestCase("permessage-deflate; server_max_window_bits=16", "offer", TestName = "Window_bits_above_15_are_rejected")]
    [TestCase("permessage-deflate; server_max_window_bits", "offer", TestName = "Window_bits_without_value_are_rejected")]
    [TestCase("permessage-deflate; server_no_context_takeover=1", "offer", TestName = "Flag_with_a_value_is_rejected")]
    [TestCase("permessage-deflate; server_no_context_takeover; server_no_context_takeover", "offer", TestName = "Repeated_parameter_is_rejected")]
    [TestCase("permessage-deflate; mystery", "offer", TestName = "Unknown_parameter_is_rejected")]
    [TestCase("permessage-deflate; client_max_window_bits=10", "no-client-bits", TestName = "Client_window_we_did_not_offer_is_rejected")]
    [TestCase("permessage-deflate", "server-no-context", TestName = "Ignored_server_no_context_takeover_is_rejected")]
    [TestCase("permessage-deflate; server_max_window_bits=12", "server-bits-10", TestName = "Larger_server_window_than_asked_is_rejected")]
    [TestCase("permessage-deflate", "server-bits-10", TestName = "Unconfirmed_server_window_is_rejected")]
    public void Response_breaking_rfc7692_is_rejected(string header, string? offer)
    {
        DeflateOptions? options = offer switch
        {
            null => null,
            "no-client-bits" => new DeflateOptions { OfferClientMaxWindowBits = false },
            "server-no-context" => new DeflateOptions { ServerNoContextTakeover = true },
            "server-bits-10" => new DeflateOptions { ServerMaxWindowBits = 10 },
            _ => new DeflateOptions(),
        };
        Assert.Throws<FormatException>(() => DeflateNegotiation.Accept(header, options));
    }
}
