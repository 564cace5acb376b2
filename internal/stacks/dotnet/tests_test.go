package dotnet

import "testing"

func TestScanTests(t *testing.T) {
	real := ScanTests([]byte(`using Xunit;
public class AuthTests(Factory f) : IClassFixture<Factory> {
    [Fact]
    public async Task Login_fails_with_a_wrong_password() {
        var client = f.CreateClient();
        var res = await client.PostAsJsonAsync("/api/auth/login", new { email = "a@b.c", password = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
    }
    [Theory]
    [InlineData("")]
    public void Rejects_empty(string s) { Assert.Throws<ArgumentException>(() => Parse(s)); }
}`))
	if real.Framework != "xunit" || real.Tests != 2 || real.Stubs != 0 || !real.HTTP {
		t.Errorf("xunit: %+v", real)
	}
	stub := ScanTests([]byte(`namespace Api.Tests;

public class UnitTest1
{
    [Fact]
    public void Test1()
    {

    }
}`))
	if stub.Framework != "xunit" || stub.Tests != 0 || stub.Stubs != 1 {
		t.Errorf("dotnet new xunit stub: %+v", stub)
	}
	nunit := ScanTests([]byte(`[TestFixture] public class ColourTests { [Test] public void ShouldReturnCorrectColourCode() { Colour.From("#FFFFFF").Code.Should().Be("#FFFFFF"); } }`))
	if nunit.Framework != "nunit" || nunit.Tests != 1 {
		t.Errorf("nunit: %+v", nunit)
	}
	mstest := ScanTests([]byte(`[TestClass] public class T { [TestMethod] public void Adds() { Assert.AreEqual(2, 1 + 1); } }`))
	if mstest.Framework != "mstest" || mstest.Tests != 1 {
		t.Errorf("mstest: %+v", mstest)
	}
	if none := ScanTests([]byte(`public class TestDataBuilder { public Todo Build() => new(); }`)); none.Framework != "" {
		t.Errorf("helper read as tests: %+v", none)
	}
}

func TestTestProjects(t *testing.T) {
	for _, p := range []string{"tests/Api.Tests/AuthTests.cs", "src/Shop.UnitTests/OrderTests.cs", "test/Foo/BarTests.cs"} {
		if !IsTestProjectPath(p) {
			t.Errorf("%s not in a test project", p)
		}
	}
	for _, p := range []string{"src/Api/Controllers/TestController.cs", "src/Latest/Program.cs"} {
		if IsTestProjectPath(p) {
			t.Errorf("%s read as a test project", p)
		}
	}
	if !IsTestProject("tests/Api.Tests/Api.Tests.csproj", nil) || !IsTestProject("x/Checks.csproj", []byte(`<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.9.0" />`)) {
		t.Error("test project missed")
	}
	if IsTestProject("src/Api/Api.csproj", []byte(`<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`)) {
		t.Error("web project read as a test project")
	}
	if !CITestCommand.MatchString("run: dotnet test TaskBoard.sln --no-build") || CITestCommand.MatchString("run: dotnet build -c Release") {
		t.Error("CI test command")
	}
}
