import { startAkahu } from "./akahu";
import { apiUrl } from "./api";
import { startGo } from "./go";

document.querySelector("#api-url")!.textContent = apiUrl;
startGo();
startAkahu();
