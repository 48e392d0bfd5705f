import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { PRODUCT_NAME } from "../../components/page";
import { TabletScreen } from "../../features/tablet/components/tablet-screen";
import { showLanguage } from "../../lib/i18n";
import { showTheme } from "../../lib/theme";

/** The shared tablet's page: no sign-in; it works with the device token stored on this device. */
export function TabletRoute() {
  const { t } = useTranslation("app");
  useEffect(() => {
    document.title = t("tablet.documentTitle");
  }, [t]);
  useEffect(() => {
    // The wall tablet follows its own device's scheme and language, not the last signed-in person's choice.
    showTheme("system");
    void showLanguage("system");
  }, []);
  return (
    <main id="main" className="tablet-page">
      <h1 className="tablet-page__title">{PRODUCT_NAME}</h1>
      <TabletScreen />
    </main>
  );
}
